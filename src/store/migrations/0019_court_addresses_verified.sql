-- The court districts' addresses, phone numbers and e-mail checked against the courts' own pages
-- on domstol.dk (issue 5). Migration 0012 seeded 21 of the 24 district courts with a note
-- ('Kontrollér adresse og e-mail på domstol.dk.' and the like) because their details were the
-- known address and an e-mail in the courts' pattern, never checked. This migration writes what
-- the stored copies of domstol.dk's pages show, court by court, with the page(s) in a comment;
-- where the newer pages (https://domstol.dk/<court>/...) and the older ones
-- (http://www.domstol.dk/<court>/.../Pages/...) disagree, the newer page wins and the comment
-- says so. A value no domstol.dk page showed stays as 0012 seeded it, and the note keeps asking
-- the operator to check it.
--
-- Only rows as seeded are changed (updated_at = 0): a court an operator already edited on
-- /drift/retskredse keeps the operator's values. The court's own postal code is only its
-- address; court_postal_codes (the debtor's postal code → court) is not touched.
--
-- Courts with nothing new here (no domstol.dk page in the copies showed their address, e-mail
-- or main phone, or the pages agree with 0012): Retten i Hjørring (the phone 99 68 56 00 is
-- confirmed by https://domstol.dk/hjoerring/aktuelt/2021/3/gradvis-ophaevelse-af-restriktioner/,
-- the address and e-mail are not), Retten i Aalborg, Retten i Randers, Retten i Viborg, Retten
-- i Holstebro, Retten i Herning, Retten i Horsens, Retten i Sønderborg, Retten i Nykøbing
-- Falster, Retten i Næstved, Retten i Helsingør, Retten i Glostrup, Retten på Frederiksberg,
-- Retten i Hillerød (0012: checked), Retten i Kolding and Retten i Esbjerg (below: the address
-- and phone agree with 0012, the e-mail is still unconfirmed) and Københavns Byret (below: all
-- agree with 0012).
--
-- Retten i Kolding: https://domstol.dk/kolding/praktiske-forhold/sideindhold/praktiskacc and
-- https://domstol.dk/kolding/ show Kolding Åpark 11, 6000 Kolding, 99 68 68 00, as 0012 has
-- them; the e-mail is not on the pages, so 0012's note ('Kontrollér e-mail på domstol.dk.')
-- stands and nothing is written.
--
-- Retten i Esbjerg: https://domstol.dk/esbjerg/praktiske-forhold/ shows Dokken 1, 6700
-- Esbjerg, 99 68 88 00, as 0012 has them; the e-mail is not on the page: nothing is written.
--
-- Københavns Byret: https://domstol.dk/koebenhavn/kontakt (and the older
-- http://www.domstol.dk/KOBENHAVNSBYRET/PRAKTISKE%20OPLYSNINGER/Pages/default.aspx) show
-- Domhuset, Nytorv 25, 1450 København K, 99 68 70 00, kobenhavn@domstol.dk, and the
-- Fogedafdeling at Hestemøllestræde 6, 1464 København K, 99 68 73 00, foged.kbh@domstol.dk:
-- all as 0012 has them; nothing is written.

-- Retten på Bornholm. https://domstol.dk/bornholm/praktisk/: the court sits in two buildings;
-- the postal address of the fogedret, skifteret, secretariats and administration is Damgade 4A,
-- 3700 Rønne (the court rooms are at St. Torv 1). 0012's Fælledvej 1 is not on any page.
-- https://domstol.dk/bornholm/aktuelt/2020/3/pressemeddelelse/: telephone 9968 8300 and
-- bornholm@domstol.dk; the older http://www.domstol.dk/Bornholm/oplysinger/Pages/email.aspx also
-- sends mail to bornholm@domstol.dk.
UPDATE court_districts
   SET street = 'Damgade 4A', postal_code = '3700', city = 'Rønne',
       email = 'bornholm@domstol.dk', phone = '99 68 83 00',
       note = 'Retslokalerne: St. Torv 1, 3700 Rønne.'
 WHERE name = 'Retten på Bornholm' AND updated_at = 0;

-- Retten i Aarhus (0012: checked). https://domstol.dk/aarhus/praktiske-forhold/: Tinghuset,
-- Vester Allé 10; the Fogedret (with the skifteret and notary) is at Vester Allé 12 (8000 Aarhus
-- C: https://domstol.dk/aarhus/notarbooking/). The older footer
-- (http://www.domstol.dk/aarhus/praktiskeoplysninger/Pages/Bestillingafudskrifter.aspx, 2018):
-- Vester Allé 10, 8000 Aarhus C, 99687800, aarhus@domstol.dk, as 0012 has them.
UPDATE court_districts
   SET street = 'Vester Allé 10', postal_code = '8000', city = 'Aarhus C',
       email = 'aarhus@domstol.dk', phone = '99 68 78 00',
       note = 'Fogedretten: Vester Allé 12, 8000 Aarhus C.'
 WHERE name = 'Retten i Aarhus' AND updated_at = 0;

-- Retten i Holbæk. https://domstol.dk/holbaek/praktiske-forhold/sideindhold/praktiskbroed: "rettens
-- hovednummer 59 49 07 10", Fogedretten 59 49 07 12. 0012's 99 68 66 00 is on no page; the
-- newer page wins. The address is 0012's; the e-mail is not on the page.
UPDATE court_districts
   SET phone = '59 49 07 10',
       note = 'Kontrollér e-mail på domstol.dk. Fogedretten: 59 49 07 12.'
 WHERE name = 'Retten i Holbæk' AND updated_at = 0;

-- Retten i Roskilde. https://domstol.dk/roskilde/praktiske-forhold/: "telefonnummer 9968 7600"
-- (also https://domstol.dk/roskilde/besoeg-retten-i-roskilde/). Address and e-mail are not on
-- the pages.
UPDATE court_districts
   SET phone = '99 68 76 00',
       note = 'Kontrollér adresse og e-mail på domstol.dk.'
 WHERE name = 'Retten i Roskilde' AND updated_at = 0;

-- Retten i Lyngby. https://domstol.dk/lyngby/praktiske-forhold/: "Rettens telefonnummer: 99 68
-- 48 00" (also https://domstol.dk/lyngby/aktuelt/2020/4/retten-i-lyngby-genaabner-27-april-2020/).
-- Address and e-mail are not on the pages.
UPDATE court_districts
   SET phone = '99 68 48 00',
       note = 'Kontrollér adresse og e-mail på domstol.dk.'
 WHERE name = 'Retten i Lyngby' AND updated_at = 0;

-- Retten i Svendborg. https://domstol.dk/svendborg/aktuelt/2020/5/covid-19/: the departments'
-- numbers, Administrationen 9968 3200 and Fogedretten 9968 3202. Address and e-mail are not on
-- the pages.
UPDATE court_districts
   SET phone = '99 68 32 00',
       note = 'Kontrollér adresse og e-mail på domstol.dk. Fogedretten: 99 68 32 02.'
 WHERE name = 'Retten i Svendborg' AND updated_at = 0;

-- Retten i Odense. https://www.domstol.dk/odense/aktuelt/2020/5/domhuset-indfoerer-adgangskontrol/:
-- "Domhuset, Albanigade 28", as 0012 has the street; the postal code, phone and e-mail are not
-- on the page.
UPDATE court_districts
   SET note = 'Kontrollér postnummer, telefon og e-mail på domstol.dk.'
 WHERE name = 'Retten i Odense' AND updated_at = 0;
