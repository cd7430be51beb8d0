-- Each court's own bank account for court fees (retsafgift), issue 6's "court fees to transfer
-- (amount, court, the court's account details)". Every district court has its own account in
-- Danske Bank (reg.nr. 0216) and states it on its page on domstol.dk ("Bank, betalinger og
-- fakturering"); the TODO page's court fees show the account of the court a document was filed
-- with (app/court_fees.h). Both columns '' when the account is not known: then the
-- installation's one account row (court_fee_payment, migration 0015) applies, or the creditor is
-- sent to domstol.dk. Operators keep them on /drift/retskredse.
ALTER TABLE court_districts ADD COLUMN fee_reg_no TEXT NOT NULL DEFAULT '';
ALTER TABLE court_districts ADD COLUMN fee_account_no TEXT NOT NULL DEFAULT '';

-- The accounts the courts' own current pages state for court fees, with the page. The columns
-- are new, so no operator has set them: the rows are set whatever else an operator edited.
-- Each account agrees with the IBAN on the same page (DK + check digits + reg.nr. + kontonr.).
-- Not seeded, for the operator to fill in from domstol.dk: the other 22 courts. The stored
-- copies of their pages stop before the bank section, or the page is an old one about fees for
-- copies of records (Aarhus, Frederiksberg), or its account and IBAN disagree (Sønderborg:
-- kontonr. 4069 133959 beside IBAN DK6702164069133975).

-- https://domstol.dk/bornholm/praktisk/: "Bank, betalinger og fakturering: Danske Bank
-- 0216-4069134726 … Iban: DK6302164069134726".
UPDATE court_districts SET fee_reg_no = '0216', fee_account_no = '4069134726'
 WHERE name = 'Retten på Bornholm';

-- https://domstol.dk/roskilde/praktiske-forhold/: "Betaling af retsafgifter mv. skal indsættes
-- på følgende registrerings- og kontonummer: 0216 4069134327 (hovedkasse, foged- og civilkasse)
-- og 0216 4069134343 (skiftekasse). IBAN: DK6902164069134327". Payment orders and enforcement
-- requests are the fogedret's: the first.
UPDATE court_districts SET fee_reg_no = '0216', fee_account_no = '4069134327'
 WHERE name = 'Retten i Roskilde';
