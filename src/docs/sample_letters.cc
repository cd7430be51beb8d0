#include "docs/sample_letters.h"

#include <string>

namespace inkasso {

LetterCreditor sample_creditor() {
  LetterCreditor c;
  c.name = "Tømrerfirmaet Bøgh & Søn ApS";
  c.street = "Åboulevarden 12";
  c.postal_code = "8000";
  c.city = "Aarhus C";
  c.cvr = "27355021";
  c.phone = "86 12 34 56";
  c.email = "bogholderi@boegh-toemrer.dk";
  c.website = "www.boegh-toemrer.dk";
  c.bank_name = "Danske Bank";
  c.reg_no = "1234";
  c.account_no = "0012345678";
  c.fi_creditor_no = "85412347";
  return c;
}

LetterParty sample_debtor(DebtorKind kind) {
  LetterParty d;
  if (kind == DebtorKind::company) {
    d.name = "Østergaard Byg ApS";
    d.attention = "Att.: Bogholderiet";
    d.cvr = "31415926";
  } else {
    d.name = "Søren Ærø Jørgensen";
    d.cpr = "0107821234";
  }
  d.street = "Nørregade 7, 1. th.";
  d.postal_code = "5000";
  d.city = "Odense C";
  d.email = "post@oestergaard-byg.dk";
  return d;
}

PortalAccess sample_portal(int64_t case_number) {
  PortalAccess p;
  p.url = "https://minesager.dk";
  p.case_id = std::to_string(case_number);
  p.password = "K7M4-XP9D";
  p.direct_link = "https://minesager.dk/l/" + std::to_string(case_number) + "-4FJ8Q2ZR";
  return p;
}

CourtInfo sample_court() {
  return CourtInfo{"Retten i Odense", "Albanigade 28", "5000", "Odense C",
                   "post.odense@domstol.dk"};
}

}  // namespace inkasso
