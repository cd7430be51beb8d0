// The template keys, the parts of each action's document and the Danish default texts.
//
// The defaults follow legal.md: reminders (renteloven § 9 b: at most 100 kr. a reminder, at
// least 10 days between fee-bearing reminders), the collection notice (inkassoloven § 10: at
// least 10 days to pay before collection costs follow), the collection demand (names the
// costs: a creditor collecting its own claim adds no agency collection costs; the court fee if
// it goes to court), the settlement offer (owed, what it grows to at court, the saving, the
// deadline), the agreement (term, down payment, first and last instalment, rate, total
// interest, how to pay, payments cover interest and fees first, termination on non-payment),
// and the court documents (betalingspåkrav, fogedrekvisition). The debtor declaration and the
// voluntary settlement say that they can found enforcement (retsplejeloven § 478, stk. 1,
// nr. 5 requires the document to say so).
#include <map>

#include "docs/templates.h"

namespace inkasso {
namespace {

// --- Pieces shared by several defaults ---

constexpr std::string_view kClaimsTable = R"(<table>
<tr><th>Faktura</th><th>Fakturadato</th><th>Forfaldsdato</th><th align="right">Beløb</th></tr>
{{#claims}}
<tr><td>{{ref}}</td><td>{{invoice_date}}</td><td>{{due_date}}</td><td align="right">{{amount}}</td></tr>
{{/claims}}
</table>
)";

constexpr std::string_view kDebtTable = R"(<table>
<tr><th>Opgørelse pr. {{letter_date_short}}</th><th align="right">Beløb</th></tr>
{{#has_credit_notes}}
<tr><td>Fakturaer i alt</td><td align="right">{{claims_total}}</td></tr>
<tr><td>Kreditnotaer</td><td align="right">-{{credit_notes}}</td></tr>
{{/has_credit_notes}}
<tr><td>Hovedstol</td><td align="right">{{principal}}</td></tr>
<tr><td>Renter</td><td align="right">{{interest}}</td></tr>
<tr><td>Gebyrer og omkostninger</td><td align="right">{{fees}}</td></tr>
{{#has_paid}}
<tr><td>Indbetalt</td><td align="right">-{{paid}}</td></tr>
{{/has_paid}}
<tr class="total"><td>Skyldigt beløb i alt</td><td align="right">{{total}}</td></tr>
</table>
)";

constexpr std::string_view kInterestNote =
    R"({{#has_interest_rate}}
<p>Af hovedstolen beregnes der rente med {{interest_rate}} om året{{#has_interest_from}} fra {{interest_from}}{{/has_interest_from}}, indtil betaling sker (renteloven).</p>
{{/has_interest_rate}}
)";

constexpr std::string_view kPayNote =
    R"(<p>Betal til kontoen under betalingsoplysninger med sagsnummer {{case_number}} som reference{{#has_fi_line}}, eller brug FI-indbetalingslinjen i din netbank{{/has_fi_line}}.</p>
)";

constexpr std::string_view kContactNote =
    R"(<p>Har du allerede betalt, kan du se bort fra dette brev. Har du spørgsmål, eller mener du ikke, at du skylder beløbet, så kontakt os hurtigst muligt.</p>
)";

constexpr std::string_view kClosing = R"(<p>Med venlig hilsen<br/><b>{{creditor_name}}</b></p>
)";

constexpr std::string_view kDebtorBlock = R"(<table>
<tr><td>Navn</td><td>{{debtor_name}}</td></tr>
<tr><td>Adresse</td><td>{{debtor_street}}, {{debtor_postal_code}} {{debtor_city}}</td></tr>
{{#debtor_has_cvr}}
<tr><td>CVR-nr.</td><td>{{debtor_cvr}}</td></tr>
{{/debtor_has_cvr}}
{{#debtor_has_cpr}}
<tr><td>CPR-nr.</td><td>{{debtor_cpr}}</td></tr>
{{/debtor_has_cpr}}
</table>
)";

constexpr std::string_view kCreditorBlock = R"(<table>
<tr><td>Navn</td><td>{{creditor_name}}</td></tr>
<tr><td>Adresse</td><td>{{creditor_street}}, {{creditor_postal_code}} {{creditor_city}}</td></tr>
{{#creditor_has_cvr}}
<tr><td>CVR-nr.</td><td>{{creditor_cvr}}</td></tr>
{{/creditor_has_cvr}}
<tr><td>Telefon</td><td>{{creditor_phone}}</td></tr>
<tr><td>E-mail</td><td>{{creditor_email}}</td></tr>
{{#has_bank}}
<tr><td>Konto til betaling</td><td>{{bank_name}}, reg.nr. {{reg_no}}, kontonr. {{account_no}}</td></tr>
{{/has_bank}}
</table>
)";

// --- The templates ---

constexpr std::string_view kReminder = R"(<h1>Rykker nr. {{reminder_number}}</h1>
<p>Vi kan ikke se, at vi har modtaget betaling for nedenstående, som er forfaldet. Vi beder dig derfor betale det skyldige beløb på <b>{{total}}</b> senest <b>{{pay_by}}</b>.</p>
)"
                                       "{{claims_table}}"
                                       "{{debt_table}}"
                                       R"({{#has_fee}}
<p>For denne rykker er der pålagt et rykkergebyr på {{fee}} (renteloven § 9 b).</p>
{{/has_fee}}
{{#has_compensation}}
<p>Da betalingen ikke er sket rettidigt, er der tillagt et kompensationsbeløb på {{compensation}} (renteloven § 9 a).</p>
{{/has_compensation}}
)"
                                       "{{interest_note}}"
                                       "{{pay_note}}"
                                       R"({{#reminder_3_or_later}}
<p><b>Modtager vi ikke betaling inden fristen, vil vi sende et inkassovarsel, og sagen kan derefter blive sendt til inkasso med yderligere omkostninger til følge.</b></p>
{{/reminder_3_or_later}}
)"
                                       "{{contact_note}}"
                                       "{{closing}}";

constexpr std::string_view kCollectionNotice =
    R"(<h1>Inkassovarsel</h1>
<p>Vi har tidligere rykket for betaling af nedenstående, men kan ikke se, at beløbet er betalt. Det skyldige beløb er i dag <b>{{total}}</b>.</p>
<p><b>Betales beløbet ikke senest {{pay_by}}, vil kravet blive sendt til inkasso, og der vil blive pålagt yderligere omkostninger (inkassoomkostninger).</b> Fristen er mindst 10 dage fra dette brevs dato (inkassoloven § 10).</p>
)"
    "{{claims_table}}"
    "{{debt_table}}"
    R"({{#has_fee}}
<p>For dette inkassovarsel er der pålagt et gebyr på {{fee}} (renteloven § 9 b).</p>
{{/has_fee}}
{{#has_compensation}}
<p>Da betalingen ikke er sket rettidigt, er der tillagt et kompensationsbeløb på {{compensation}} (renteloven § 9 a).</p>
{{/has_compensation}}
)"
    "{{interest_note}}"
    "{{pay_note}}"
    R"(<p>Kan du ikke betale hele beløbet nu, kan du underskrive og returnere den vedlagte skyldnererklæring eller det frivillige forlig med et forslag til en månedlig afdragsordning.</p>
)"
    "{{contact_note}}"
    "{{closing}}";

constexpr std::string_view kDebtorDeclaration =
    R"(<h1>Skyldnererklæring</h1>
<p>Sagsnr. {{case_number}}. Undertegnede skyldner:</p>
)"
    "{{debtor_block}}"
    R"(<p>erkender hermed at skylde <b>{{creditor_name}}</b>{{#creditor_has_cvr}}, CVR-nr. {{creditor_cvr}}{{/creditor_has_cvr}}, et beløb på <b>{{total}}</b> opgjort pr. {{letter_date}} således:</p>
)"
    "{{debt_table}}"
    R"(<p>med tillæg af rente af hovedstolen{{#has_interest_rate}} med {{interest_rate}} om året (renteloven){{/has_interest_rate}} fra {{letter_date}}, indtil betaling sker.</p>
<p>Beløbet forfalder til betaling straks. Denne skyldnererklæring kan danne grundlag for tvangsfuldbyrdelse (udlæg) i fogedretten, jf. retsplejelovens § 478, stk. 1, nr. 5.</p>
<sign>Dato</sign>
<sign>Underskrift</sign>
<sign>Navn med blokbogstaver</sign>
<p>Returnér den underskrevne erklæring til {{creditor_name}}{{#creditor_has_email}} på {{creditor_email}}{{/creditor_has_email}}.</p>
)";

constexpr std::string_view kVoluntarySettlement =
    R"(<h1>Frivilligt forlig</h1>
<p>Mellem <b>{{creditor_name}}</b>{{#creditor_has_cvr}}, CVR-nr. {{creditor_cvr}}{{/creditor_has_cvr}} (kreditor), og skyldner:</p>
)"
    "{{debtor_block}}"
    R"(<p>er der i sag nr. {{case_number}} indgået følgende forlig:</p>
<ul>
<li>Skyldner erkender at skylde kreditor <b>{{total}}</b> opgjort pr. {{letter_date}}, med tillæg af rente af hovedstolen{{#has_interest_rate}} med {{interest_rate}} om året{{/has_interest_rate}}, indtil betaling sker.</li>
<li>Skyldner betaler gælden med __________ kr. om måneden, første gang den ___________ og derefter den 1. i hver måned, til kreditors konto{{#has_bank}} reg.nr. {{reg_no}}, kontonr. {{account_no}}{{/has_bank}} med sagsnummer {{case_number}} som reference.</li>
<li>Betalinger dækker først renter, derefter gebyrer og omkostninger og til sidst hovedstolen.</li>
<li>Betales en rate ikke rettidigt, forfalder hele restgælden straks til betaling.</li>
<li>Forliget kan danne grundlag for tvangsfuldbyrdelse (udlæg) i fogedretten, jf. retsplejelovens § 478, stk. 1, nr. 5.</li>
</ul>
<sign>Dato</sign>
<sign>Skyldners underskrift</sign>
<sign>Navn med blokbogstaver</sign>
<p>Returnér det underskrevne forlig til {{creditor_name}}{{#creditor_has_email}} på {{creditor_email}}{{/creditor_has_email}}. Forliget er indgået, når kreditor har godkendt det.</p>
)";

constexpr std::string_view kCollectionDemand = R"(<h1>Inkassopåkrav</h1>
<p>{{#has_notice}}Vi sendte dig et inkassovarsel den {{notice_date}}, men{{/has_notice}}{{^has_notice}}Vi{{/has_notice}} kan ikke se, at du har betalt. Kravet er derfor nu overgået til inkasso, og vi kræver hermed det skyldige beløb på <b>{{total}}</b> betalt senest <b>{{pay_by}}</b>.</p>
)"
                                               "{{claims_table}}"
                                               "{{debt_table}}"
                                               R"(<h2>Omkostninger</h2>
<p>Vi inddriver selv kravet, og der er derfor ikke beregnet inkassoomkostninger efter de takster, der gælder for inkassovirksomheder.{{#has_interest_rate}} Af hovedstolen løber der fortsat rente med {{interest_rate}} om året, indtil betaling sker (renteloven).{{/has_interest_rate}}</p>
<p><b>Betales beløbet ikke rettidigt, kan vi uden yderligere varsel indgive et betalingspåkrav til fogedretten.</b> Det koster en retsafgift på {{court_fee_payment_order}}, som lægges til kravet.</p>
)"
                                               "{{pay_note}}"
                                               "{{contact_note}}"
                                               "{{closing}}";

constexpr std::string_view kSettlementOffer = R"(<h1>Tilbud om akkord</h1>
{{#settlement}}
<p>Du skylder i dag <b>{{total}}</b>. Vi vil gerne have sagen afsluttet og tilbyder derfor, at du kan betale <b>{{offered_amount}}</b> i stedet, hvis beløbet er modtaget senest <b>{{deadline}}</b>. Det er en rabat på {{discount_percent}}&#160;%, og du sparer <b>{{saving}}</b>.</p>
<table>
<tr><th>Akkordtilbud</th><th align="right">Beløb</th></tr>
<tr><td>Skyldigt beløb pr. {{letter_date}}</td><td align="right">{{total}}</td></tr>
<tr><td>Rabat {{discount_percent}}&#160;%</td><td align="right">-{{saving}}</td></tr>
<tr class="total"><td>Betal senest {{deadline}}</td><td align="right">{{offered_amount}}</td></tr>
</table>
<p>Tager du ikke imod tilbuddet, vil vi indgive sagen til retten. Med fortsatte renter og retsafgift på {{court_fee}} vil gælden den {{court_date}} være vokset til <b>{{total_if_court}}</b>.</p>
<p>Tilbuddet bortfalder, hvis hele akkordbeløbet ikke er modtaget rettidigt. Så skylder du fortsat det fulde beløb med renter.</p>
{{/settlement}}
)"
                                              "{{claims_table}}"
                                              "{{pay_note}}"
                                              "{{contact_note}}"
                                              "{{closing}}";

constexpr std::string_view kMissingPayment =
    R"(<h1>Vedrørende manglende betaling</h1>
<p>Vi har endnu ikke modtaget betaling i sagen og skriver for at finde en løsning, inden vi må tage retslige skridt. Det skyldige beløb er i dag <b>{{total}}</b>.</p>
)"
    "{{debt_table}}"
    R"(<p>Betal beløbet senest <b>{{pay_by}}</b>. Kan du ikke betale det hele på én gang, så kontakt os om en betalingsaftale inden fristen.</p>
<p><b>Hører vi ikke fra dig, indgiver vi sagen til retten.</b> Det koster en retsafgift på {{court_fee_payment_order}}, som lægges til kravet, og der vil fortsat løbe renter.</p>
)"
    "{{interest_note}}"
    "{{pay_note}}"
    "{{contact_note}}"
    "{{closing}}";

constexpr std::string_view kPaymentAgreement = R"(<h1>Betalingsaftale</h1>
{{#agreement}}
<p>Vi bekræfter hermed aftalen af {{agreed_on}} om betaling af din gæld i sag nr. {{case_number}}. Aftalen ser sådan ud:</p>
<table>
<tr><th>Aftalen</th><th align="right"></th></tr>
<tr><td>Gæld ved aftalens indgåelse</td><td align="right">{{debt_at_start}}</td></tr>
{{#has_down_payment}}
<tr><td>Udbetaling senest {{down_date}}</td><td align="right">{{down_payment}}</td></tr>
{{/has_down_payment}}
<tr><td>Månedlig rate</td><td align="right">{{instalment}}</td></tr>
<tr><td>Første rate</td><td align="right">{{first_date}}</td></tr>
<tr><td>Sidste rate ({{last_instalment}})</td><td align="right">{{last_date}}</td></tr>
<tr><td>Antal rater</td><td align="right">{{instalments}}</td></tr>
<tr><td>Løbetid</td><td align="right">{{first_date}} – {{last_date}}</td></tr>
<tr><td>Rente</td><td align="right">{{#has_rate}}{{rate}} om året{{/has_rate}}{{^has_rate}}rentefri{{/has_rate}}</td></tr>
<tr><td>Renter i aftalens løbetid</td><td align="right">{{total_interest}}</td></tr>
<tr class="total"><td>Du betaler i alt</td><td align="right">{{total_paid}}</td></tr>
</table>
<h2>Sådan betaler du</h2>
<ul>
<li>Betal hver rate senest på forfaldsdagen til den konto, der står under betalingsoplysninger nedenfor, med sagsnummer {{case_number}} som reference{{#has_fi_line}}, eller med FI-indbetalingslinjen{{/has_fi_line}}.</li>
<li>Dine betalinger dækker først renter, derefter gebyrer og omkostninger og til sidst hovedstolen. Betaler du kun et beløb svarende til hovedstolen, er du derfor ikke fri for renter og gebyrer.</li>
{{#has_rate}}
<li>Der løber rente af hovedstolen, så længe der er gæld. Betaler du mere eller tidligere, bliver renterne mindre.</li>
{{/has_rate}}
<li><b>Betales en rate ikke rettidigt, kan vi ophæve aftalen.</b> Så forfalder hele restgælden straks, og sagen fortsætter, om nødvendigt ved retten.</li>
</ul>
{{/agreement}}
)"
                                               "{{contact_note}}"
                                               "{{closing}}";

constexpr std::string_view kAgreementDefaultWarning =
    R"(<h1>Varsel om ophævelse af betalingsaftale</h1>
{{#agreement}}
<p>Vi kan ikke se, at vi har modtaget {{#has_missed}}raten, der forfaldt den {{missed_date}}{{/has_missed}}{{^has_missed}}de aftalte rater{{/has_missed}}, efter betalingsaftalen af {{agreed_on}}.</p>
<table>
<tr><th>Betalingsaftalen</th><th align="right">Beløb</th></tr>
<tr><td>Skulle være betalt til dato</td><td align="right">{{due_so_far}}</td></tr>
<tr><td>Modtaget siden aftalen</td><td align="right">{{paid_since_agreement}}</td></tr>
<tr class="total"><td>Restance</td><td align="right">{{arrears}}</td></tr>
</table>
<p><b>Betal restancen på {{arrears}} senest {{termination_date}}.</b> Ellers ophæver vi betalingsaftalen, og hele restgælden, i dag {{total}}, forfalder straks til betaling. Sagen vil derefter fortsætte, om nødvendigt ved retten.</p>
{{/agreement}}
)"
    "{{pay_note}}"
    "{{contact_note}}"
    "{{closing}}";

constexpr std::string_view kAgreementTerminated = R"(<h1>Ophævelse af betalingsaftale</h1>
{{#agreement}}
<p>Vi har tidligere varslet, at betalingsaftalen af {{agreed_on}} ville blive ophævet, hvis restancen ikke blev betalt. Da vi ikke har modtaget betaling, ophæver vi hermed aftalen.</p>
{{/agreement}}
<p>Hele restgælden på <b>{{total}}</b> forfalder derfor straks til betaling. Betal senest <b>{{pay_by}}</b> for at undgå, at sagen sendes til retten med retsafgift på {{court_fee_payment_order}} og yderligere renter til følge.</p>
)"
                                                  "{{debt_table}}"
                                                  "{{interest_note}}"
                                                  "{{pay_note}}"
                                                  "{{contact_note}}"
                                                  "{{closing}}";

constexpr std::string_view kPaymentOrder = R"(<h1>Betalingspåkrav</h1>
<p>Anmodning om betalingspåkrav efter retsplejelovens kapitel 44 a{{#court}} til <b>{{court_name}}</b>{{/court}}. Kravets hovedstol er under 100.000 kr.</p>
<h2>1. Sagsøger (fordringshaver)</h2>
)"
                                           "{{creditor_block}}"
                                           R"(<h2>2. Sagsøgte (skyldner)</h2>
)"
                                           "{{debtor_block}}"
                                           R"(<h2>3. Kravet</h2>
)"
                                           "{{claims_table}}"
                                           R"({{#court}}
<table>
<tr><th>Påstand pr. {{letter_date_short}}</th><th align="right">Beløb</th></tr>
<tr><td>Hovedstol</td><td align="right">{{principal}}</td></tr>
<tr><td>Renter til og med {{letter_date}}</td><td align="right">{{interest}}</td></tr>
{{#has_reminder_fees}}
<tr><td>Rykkergebyrer</td><td align="right">{{reminder_fees}}</td></tr>
{{/has_reminder_fees}}
{{#has_compensation}}
<tr><td>Kompensationsbeløb (renteloven § 9 a)</td><td align="right">{{compensation}}</td></tr>
{{/has_compensation}}
{{#has_other_fees}}
<tr><td>Andre omkostninger</td><td align="right">{{other_fees}}</td></tr>
{{/has_other_fees}}
{{#court_fee_added}}
<tr><td>Retsafgift</td><td align="right">{{court_fee}}</td></tr>
{{/court_fee_added}}
{{#has_paid}}
<tr><td>Indbetalt</td><td align="right">-{{paid}}</td></tr>
{{/has_paid}}
<tr class="total"><td>Påstand i alt</td><td align="right">{{claim_total}}</td></tr>
</table>
{{/court}}
<h2>4. Renter</h2>
<p>Sagsøger påstår rente af hovedstolen {{outstanding_principal}}{{#has_interest_rate}} med {{interest_rate}} om året (renteloven){{/has_interest_rate}} fra {{letter_date}}, indtil betaling sker.</p>
<h2>5. Kravets grundlag</h2>
<p>Kravet angår ubetalte fakturaer som anført under punkt 3. Kravet er forfaldent og ikke betalt trods påkrav.</p>
<h2>6. Forudgående påkrav</h2>
<p>{{#has_notice}}Sagsøgte blev den {{notice_date}} skriftligt opfordret til at betale med varsel om, at der ellers ville blive taget retslige skridt (inkassoloven § 10). Fristen udløb den {{notice_deadline}}.{{/has_notice}}{{^has_notice}}Sagsøgte er skriftligt opfordret til at betale.{{/has_notice}}</p>
{{#court}}
<h2>7. Retsafgift</h2>
<p>Retsafgiften på {{court_fee}} betales ved indleveringen.{{#court_fee_added}} Retsafgiften er medtaget i påstanden.{{/court_fee_added}}</p>
<h2>8. Indsigelse</h2>
<p>Sagsøgte kan inden 14 dage gøre indsigelse over for retten. {{#continue_as_civil_case}}Gør sagsøgte indsigelse, ønsker sagsøger sagen fortsat som almindelig retssag.{{/continue_as_civil_case}}{{^continue_as_civil_case}}Gør sagsøgte indsigelse, ønsker sagsøger ikke sagen fortsat.{{/continue_as_civil_case}}</p>
{{/court}}
<p>Sagsøger erklærer, at oplysningerne er rigtige.</p>
<sign>Dato og sagsøgers underskrift</sign>
)";

constexpr std::string_view kEnforcementRequest = R"(<h1>Fogedrekvisition</h1>
<p>Anmodning om udlæg{{#court}} til <b>{{court_name}}</b>, fogedretten{{/court}}.</p>
<h2>1. Rekvirent (fordringshaver)</h2>
)"
                                                 "{{creditor_block}}"
                                                 R"(<h2>2. Rekvisitus (skyldner)</h2>
)"
                                                 "{{debtor_block}}"
                                                 R"({{#court}}
<h2>3. Fundament</h2>
<p>{{#has_fundament}}Kravet er fastslået ved <b>{{fundament}}</b> af {{fundament_date}}, som vedlægges.{{/has_fundament}}{{^has_fundament}}Fundamentet vedlægges.{{/has_fundament}}</p>
<h2>4. Kravets størrelse</h2>
<table>
<tr><th>Opgørelse pr. {{letter_date_short}}</th><th align="right">Beløb</th></tr>
<tr><td>Hovedstol</td><td align="right">{{principal}}</td></tr>
<tr><td>Renter til og med {{letter_date}}</td><td align="right">{{interest}}</td></tr>
{{#has_reminder_fees}}
<tr><td>Rykkergebyrer</td><td align="right">{{reminder_fees}}</td></tr>
{{/has_reminder_fees}}
{{#has_compensation}}
<tr><td>Kompensationsbeløb (renteloven § 9 a)</td><td align="right">{{compensation}}</td></tr>
{{/has_compensation}}
{{#has_other_fees}}
<tr><td>Retsafgifter og andre omkostninger</td><td align="right">{{other_fees}}</td></tr>
{{/has_other_fees}}
{{#court_fee_added}}
<tr><td>Retsafgift for denne fogedsag</td><td align="right">{{court_fee}}</td></tr>
{{/court_fee_added}}
{{#has_paid}}
<tr><td>Indbetalt</td><td align="right">-{{paid}}</td></tr>
{{/has_paid}}
<tr class="total"><td>Krav i alt</td><td align="right">{{claim_total}}</td></tr>
</table>
<p>Med tillæg af rente af hovedstolen {{outstanding_principal}}{{#has_interest_rate}} med {{interest_rate}} om året{{/has_interest_rate}} fra {{letter_date}}, indtil betaling sker.</p>
<h2>5. Anmodning</h2>
<p>Rekvirenten anmoder om, at der foretages udlæg hos rekvisitus til dækning af kravet med renter og omkostninger, og at der indkaldes til møde i fogedretten. Retsafgiften på {{court_fee}} betales ved indleveringen.</p>
{{/court}}
<sign>Dato og rekvirentens underskrift</sign>
)";

constexpr std::string_view kLetter = R"({{#has_subject}}
<h1>{{subject}}</h1>
{{/has_subject}}
{{#text_paragraphs}}
<p>{{.}}</p>
{{/text_paragraphs}}
)"
                                     "{{closing}}";

// The pieces are spliced in by name; a default is thus one readable template for the editor.
std::string expand(std::string_view text) {
  static const std::map<std::string_view, std::string_view> pieces{
      {"{{claims_table}}", kClaimsTable},   {"{{debt_table}}", kDebtTable},
      {"{{interest_note}}", kInterestNote}, {"{{pay_note}}", kPayNote},
      {"{{contact_note}}", kContactNote},   {"{{closing}}", kClosing},
      {"{{debtor_block}}", kDebtorBlock},   {"{{creditor_block}}", kCreditorBlock}};
  std::string out(text);
  for (const auto& [name, piece] : pieces) {
    size_t at;
    while ((at = out.find(name)) != std::string::npos) out.replace(at, name.size(), piece);
  }
  return out;
}

struct TemplateInfo {
  std::string_view key;
  std::string_view title;
  std::string_view text;
};

const std::vector<TemplateInfo>& infos() {
  static const std::vector<TemplateInfo> all{
      {"reminder", "Rykker", kReminder},
      {"collection_notice", "Inkassovarsel", kCollectionNotice},
      {"debtor_declaration", "Skyldnererklæring", kDebtorDeclaration},
      {"voluntary_settlement", "Frivilligt forlig", kVoluntarySettlement},
      {"collection_demand", "Inkassopåkrav", kCollectionDemand},
      {"settlement_offer", "Akkordtilbud", kSettlementOffer},
      {"missing_payment_letter", "Skrivelse om manglende betaling", kMissingPayment},
      {"payment_agreement", "Betalingsaftale", kPaymentAgreement},
      {"agreement_default_warning", "Varsel om ophævelse af betalingsaftale",
       kAgreementDefaultWarning},
      {"agreement_terminated", "Ophævelse af betalingsaftale", kAgreementTerminated},
      {"payment_order", "Betalingspåkrav", kPaymentOrder},
      {"enforcement_request", "Fogedrekvisition", kEnforcementRequest},
      {"letter", "Brev", kLetter}};
  return all;
}

const std::map<std::string, std::string, std::less<>>& expanded() {
  static const std::map<std::string, std::string, std::less<>> texts = [] {
    std::map<std::string, std::string, std::less<>> m;
    for (const auto& i : infos()) m.emplace(std::string(i.key), expand(i.text));
    return m;
  }();
  return texts;
}

}  // namespace

const std::vector<std::string>& all_template_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& i : infos()) k.emplace_back(i.key);
    return k;
  }();
  return keys;
}

bool is_template_key(std::string_view key) {
  return expanded().contains(key);
}

std::vector<std::string> template_keys_for(ActionType type) {
  switch (type) {
    case ActionType::reminder:
      return {"reminder"};
    case ActionType::collection_notice:
      return {"collection_notice", "debtor_declaration", "voluntary_settlement"};
    case ActionType::collection_demand:
      return {"collection_demand"};
    case ActionType::settlement_offer:
      return {"settlement_offer"};
    case ActionType::missing_payment_letter:
      return {"missing_payment_letter"};
    case ActionType::payment_agreement:
      return {"payment_agreement"};
    case ActionType::agreement_default_warning:
      return {"agreement_default_warning"};
    case ActionType::agreement_terminated:
      return {"agreement_terminated"};
    case ActionType::payment_order:
      return {"payment_order"};
    case ActionType::enforcement_request:
      return {"enforcement_request"};
    case ActionType::letter:
      return {"letter"};
    case ActionType::settlement_accepted:
    case ActionType::fundament:
    case ActionType::pause:
    case ActionType::track_change:
    case ActionType::close:
      return {};
  }
  return {};
}

std::string_view template_title(std::string_view key) {
  for (const auto& i : infos())
    if (i.key == key) return i.title;
  return {};
}

std::string_view default_template(std::string_view key) {
  auto it = expanded().find(key);
  return it == expanded().end() ? std::string_view{} : std::string_view(it->second);
}

const std::vector<TemplateField>& template_fields() {
  static const std::vector<TemplateField> fields{
      {"letter_date", "Brevets dato (23. november 2026)"},
      {"letter_date_short", "Brevets dato (23-11-2026)"},
      {"case_number", "Sagsnummer"},
      {"creditor_name", "Kreditors navn"},
      {"creditor_street", "Kreditors adresse"},
      {"creditor_postal_code", "Kreditors postnummer"},
      {"creditor_city", "Kreditors by"},
      {"creditor_cvr", "Kreditors CVR-nr."},
      {"creditor_phone", "Kreditors telefon"},
      {"creditor_email", "Kreditors e-mail"},
      {"creditor_website", "Kreditors hjemmeside"},
      {"bank_name", "Kreditors bank"},
      {"reg_no", "Reg.nr."},
      {"account_no", "Kontonr."},
      {"fi_line", "FI-indbetalingslinje (+71)"},
      {"has_fi_line", "Kreditor har FI-kreditornummer", true},
      {"debtor_name", "Skyldners navn"},
      {"debtor_attention", "Att./c/o-linje"},
      {"debtor_street", "Skyldners adresse"},
      {"debtor_postal_code", "Skyldners postnummer"},
      {"debtor_city", "Skyldners by"},
      {"debtor_cvr", "Skyldners CVR-nr."},
      {"debtor_cpr", "Skyldners CPR-nr. (maskeret)"},
      {"debtor_is_company", "Skyldner er en virksomhed", true},
      {"debtor_is_person", "Skyldner er en privatperson", true},
      {"claims", "Fakturaerne: ref, invoice_date, due_date, amount", true},
      {"payments", "Indbetalingerne: date, amount", true},
      {"principal", "Hovedstol"},
      {"interest", "Renter i alt"},
      {"fees", "Gebyrer og omkostninger i alt"},
      {"paid", "Indbetalt i alt"},
      {"outstanding_principal", "Resterende hovedstol"},
      {"outstanding_interest", "Resterende renter"},
      {"outstanding_fees", "Resterende gebyrer"},
      {"total", "Skyldigt beløb i alt"},
      {"interest_rate", "Årlig rente på brevets dato"},
      {"interest_from", "Rente fra"},
      {"fee", "Dette brevs gebyr"},
      {"compensation", "Dette brevs kompensationsbeløb"},
      {"pay_by", "Betalingsfrist"},
      {"reminder_number", "Rykkerens nummer"},
      {"notice_date", "Inkassovarslets dato"},
      {"court_fee_payment_order", "Retsafgift for betalingspåkrav"},
      {"settlement",
       "Akkord: total, offered_amount, saving, deadline, discount_percent, "
       "court_date, total_if_court",
       true},
      {"agreement",
       "Betalingsaftale: instalment, first_date, last_date, instalments, rate, "
       "total_interest, down_payment, arrears, termination_date",
       true},
      {"court", "Retten: court_name, court_fee, claim_total, fundament, fundament_date", true},
      {"subject", "Emne (eget brev)"},
      {"text_paragraphs", "Brevets tekst i afsnit: {{.}}", true},
      {"portal_url", "Skyldnerportalens adresse"},
      {"case_id", "Sags-ID til portalen"},
      {"password", "Adgangskode til portalen"},
      {"direct_link", "Direkte link til portalen"}};
  return fields;
}

}  // namespace inkasso
