#include "cli/demo_data.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/debtors.h"
#include "app/users.h"
#include "core/calculators.h"
#include "core/engine.h"
#include "core/fees.h"
#include "core/law_table.h"
#include "core/rules.h"
#include "store/case_store.h"

namespace inkasso {

namespace {

// ---- Plumbing: a use case's error ends the run, named with what was being made.

struct Failure {
  Error error;
};

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) {
    Error e = r.error();
    e.message = what + ": " + e.message + (e.field.empty() ? "" : " (" + e.field + ")");
    throw Failure{e};
  }
  return std::move(r).value();
}

// 10:00 in Denmark (09:00 UTC in winter; close enough for a time stamp) on `day`.
int64_t unix_at(Date day) {
  return int64_t{day.days()} * 86'400 + 9 * 3'600;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Money kr(int64_t kroner, int64_t ore = 0) {
  return Money::from_ore(kroner * 100 + ore);
}

// The action a case handler takes for the engine's suggested step `type` on `on`: the maximum
// lawful reminder fee while one may be claimed, the compensation on a business debtor's overdue
// claims, the default settlement discount and deadline, the court fee on a court step.
Action suggested_action(const CaseHistory& h, ActionType type, Date on, Track track_in_force) {
  const LawTable& law = default_law_table();
  Action a;
  a.type = type;
  a.date = on;
  switch (type) {
    case ActionType::reminder:
    case ActionType::collection_notice: {
      FeeAssessment fees = assess_fees(h, on, law);
      bool spaced = !fees.last_fee_bearing_reminder ||
                    on - *fees.last_fee_bearing_reminder >= law.reminder_fee_spacing_days_min;
      if (fees.fee_bearing_reminders < law.fee_bearing_reminders_max && spaced)
        a.fee = law.reminder_fee_max;
      a.compensation = h.debtor == DebtorKind::company && claims_open_for_compensation(h, on) > 0;
      break;
    }
    case ActionType::settlement_offer:
      a.discount_bp = law.settlement_discount_bp_default;
      a.deadline = on + law.settlement_deadline_days_default;
      break;
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      a.court_fee_added = true;
      break;
    case ActionType::agreement_terminated:
      a.track = track_in_force;
      break;
    default:
      break;
  }
  return a;
}

// A payment agreement on `on` as the calculator suggests it (12 months at most by default).
Action agreement_on(const CaseHistory& h, Date on, int months) {
  AgreementTerms terms;
  terms.agreed_on = on;
  terms.first_date = suggest_first_instalment_date(on);
  auto instalment = suggest_instalment(h, terms, months, kr(200));
  Action a;
  a.type = ActionType::payment_agreement;
  a.date = on;
  a.instalment = instalment ? *instalment : kr(500);
  a.first_date = terms.first_date;
  return a;
}

// ---- The demo set: made through the use cases, each step on its own day.

struct Env {
  Env(Database& database, const SecretBox& secrets, Actor who, int64_t account_id, Date day)
      : db(database), box(secrets), actor(who), account(account_id), today(day) {}
  Database& db;
  const SecretBox& box;
  Actor actor;
  int64_t account = 0;
  FixedClock clock{0, Date()};
  Date today;

  Date day(int offset) const { return today + offset; }
  void at(Date d) { clock.set(unix_at(d), d); }
};

// One demo case as a case handler works it.
class DemoCase {
 public:
  DemoCase(Env& env, std::string label) : env_(env), label_(std::move(label)) {}

  void create(Date on, int64_t debtor, std::vector<Claim> claims, NewCase extra = {}) {
    env_.at(on);
    extra.debtor_id = debtor;
    extra.claims = std::move(claims);
    auto created = must(create_case(env_.db, env_.clock, env_.box, env_.actor, env_.account, extra),
                        label_ + ": create_case");
    number_ = created.number;
    version_ = created.version;
  }

  CaseView view(Date on) {
    env_.at(on);
    return must(get_case(env_.db, env_.clock, env_.actor, env_.account, number_),
                label_ + ": get_case");
  }

  void act(const Action& a) {
    env_.at(a.date);
    version_ = must(add_action(env_.db, env_.clock, env_.actor, env_.account, number_, version_, a),
                    label_ + ": add_action " + std::string(to_string(a.type)));
  }

  // Takes the engine's suggested steps, each on the day it is suggested, up to `until`.
  void follow(Date until, int max_steps = 12) {
    for (int i = 0; i < max_steps; ++i) {
      CaseView v = view(until);
      if (!v.state.next_action || v.state.next_action->date > until) return;
      Date on = v.state.next_action->date;
      if (!v.stored.history.actions.empty())
        on = std::max(on, v.stored.history.actions.back().date);
      act(suggested_action(v.stored.history, v.state.next_action->type, on, v.state.track));
    }
  }

  void agreement(Date on, int months) { act(agreement_on(view(on).stored.history, on, months)); }

  void pay(Date on, Money amount, PaymentMethod method = PaymentMethod::bank_transfer) {
    env_.at(on);
    version_ = must(register_payment(env_.db, env_.clock, env_.actor, env_.account, number_,
                                     version_, on, amount, method),
                    label_ + ": register_payment");
  }

  void pay_all(Date on) { pay(on, view(on).state.outstanding.total()); }

  // Pays each instalment of the agreement on its date, up to `until` and at most `count`.
  void pay_instalments(Date until, int count) {
    CaseView v = view(until);
    const Action* agreement = nullptr;
    for (const Action& a : v.stored.history.actions)
      if (a.type == ActionType::payment_agreement) agreement = &a;
    if (!agreement) throw Failure{make_error("demo", label_ + ": no agreement to pay")};
    Date first = *agreement->first_date;
    Money instalment = agreement->instalment;
    for (int i = 0; i < count; ++i) {
      Date due = first.add_months(i);
      if (due > until) break;
      pay(due, instalment);
    }
  }

  void note(Date on, const std::string& text) {
    env_.at(on);
    version_ =
        must(add_note(env_.db, env_.clock, env_.actor, env_.account, number_, version_, text),
             label_ + ": add_note");
  }

  void credit(Date on, const std::string& ref, Money amount) {
    env_.at(on);
    version_ = must(add_credit_note(env_.db, env_.clock, env_.actor, env_.account, number_,
                                    version_, CreditNote{ref, on, amount}),
                    label_ + ": add_credit_note");
  }

  void pause(Date on, Date until) {
    env_.at(on);
    version_ =
        must(pause_case(env_.db, env_.clock, env_.actor, env_.account, number_, version_, until),
             label_ + ": pause_case");
  }

  void track(Date on, Track t) {
    env_.at(on);
    version_ =
        must(change_track(env_.db, env_.clock, env_.actor, env_.account, number_, version_, t),
             label_ + ": change_track");
  }

  void manual(Date on) {
    env_.at(on);
    version_ =
        must(set_batch_follow_up(env_.db, env_.actor, env_.account, number_, version_, false),
             label_ + ": set_batch_follow_up");
  }

  void close(Date on) {
    env_.at(on);
    version_ =
        must(close_case(env_.db, env_.clock, env_.actor, env_.account, number_, version_, on),
             label_ + ": close_case")
            .version;
  }

 private:
  Env& env_;
  std::string label_;
  int64_t number_ = 0;
  int64_t version_ = 0;
};

// Postal codes and towns from DAWA's list of Danish postal codes
// (/work/shared/data/postnumre.csv, "POSTNR;BYNAVN"), copied here: the program never reads it.
struct PostalTown {
  const char* code;
  const char* town;
};
constexpr PostalTown kTowns[] = {
    {"2100", "København Ø"}, {"2500", "Valby"},    {"2800", "Kongens Lyngby"},
    {"3000", "Helsingør"},   {"3400", "Hillerød"}, {"4000", "Roskilde"},
    {"4300", "Holbæk"},      {"4700", "Næstved"},  {"5000", "Odense C"},
    {"5700", "Svendborg"},   {"6000", "Kolding"},  {"6700", "Esbjerg"},
    {"7100", "Vejle"},       {"7400", "Herning"},  {"7500", "Holstebro"},
    {"8000", "Aarhus C"},    {"8210", "Aarhus V"}, {"8600", "Silkeborg"},
    {"8900", "Randers C"},   {"9000", "Aalborg"},  {"9800", "Hjørring"},
};

DebtorInput company(const char* name, const char* cvr, const char* customer_no, const char* street,
                    int town, const char* phone, const char* email) {
  DebtorInput d;
  d.kind = DebtorKind::company;
  d.name = name;
  d.cvr = cvr;
  d.customer_no = customer_no;
  d.street = street;
  d.postal_code = kTowns[town].code;
  d.city = kTowns[town].town;
  d.phone = phone;
  d.email = email;
  return d;
}

DebtorInput person(const char* name, const char* cpr, const char* customer_no, const char* street,
                   int town, const char* mobile, const char* email) {
  DebtorInput d;
  d.kind = DebtorKind::person;
  d.name = name;
  d.cpr = cpr;
  d.customer_no = customer_no;
  d.street = street;
  d.postal_code = kTowns[town].code;
  d.city = kTowns[town].town;
  d.mobile = mobile;
  d.email = email;
  return d;
}

// The demo debtors. The CVR numbers pass the modulus-11 check but are made up;
// CPR numbers are real dates with made-up sequence numbers.
std::vector<DebtorInput> demo_debtors() {
  std::vector<DebtorInput> d = {
      company("Hansen & Søn Byg ApS", "62601817", "1001", "Vestergade 12", 15, "86 12 40 50",
              "bogholderi@hansen-soen-byg.dk"),
      company("Øster Møbler A/S", "69083013", "1002", "Østerbrogade 88", 0, "35 26 11 90",
              "faktura@ostermobler.dk"),
      company("Fjordens Fiskehus I/S", "76131864", "1003", "Havnevej 3", 20, "98 92 14 07",
              "kontakt@fjordensfiskehus.dk"),
      company("Kolding Køkkenfabrik ApS", "19139093", "1004", "Fabriksvej 17", 10, "75 52 30 00",
              "regnskab@koldingkokken.dk"),
      company("Svendborg Bådeværft ApS", "72819489", "1005", "Havnepladsen 5", 9, "62 21 08 44",
              "mail@svendborgbaad.dk"),
      company("Café Åen v/Birgitte Holm", "31993512", "1006", "Åboulevarden 21", 15, "86 13 22 10",
              "cafe@aaen.dk"),
      person("Søren Kjær Østergaard", "120385-1233", "2001", "Bøgevej 7", 17, "20 45 67 12",
             "soeren.oestergaard@mail.dk"),
      person("Mette Ærenfeldt Jørgensen", "030772-2148", "2002", "Rosenvænget 14, 2. tv.", 5,
             "30 12 88 41", "mette.aerenfeldt@gmail.com"),
      person("Anders Bæk Nielsen", "", "2003", "Skovbrynet 3", 2, "40 77 19 03",
             "anders.baek@outlook.dk"),
      person("Åse Lindqvist Madsen", "250960-1618", "2004", "Strandvejen 101", 3, "22 31 50 06",
             ""),
      person("Jens Peter Løvgren", "", "2005", "Søndergade 44, 1. th.", 12, "61 70 33 29",
             "jp.loevgren@jubii.dk"),
      person("Birthe Mølgaard", "081155-1426", "2006", "Algade 9", 19, "28 14 92 55", ""),
  };
  d[3].note = "Kontakt: Lone i bogholderiet, direkte 75 52 30 14.";
  d[9].note = "Foretrækker brev frem for e-mail.";
  return d;
}

Claim claim(const char* ref, Date invoice, int days, Money amount) {
  return Claim{ref, invoice, invoice + days, amount};
}

// The demo cases: every stage of the product, relative to `today`. Returns how many.
int make_demo_cases(Env& env, const std::vector<int64_t>& debtor) {
  auto T = [&](int offset) { return env.day(offset); };
  int made = 0;
  auto next = [&](const char* what) {
    ++made;
    return DemoCase(env, "demo case " + std::to_string(made) + " (" + what + ")");
  };

  {  // Fresh: the first reminder is due.
    DemoCase c = next("reminder 1 due");
    c.create(T(-4), debtor[0], {claim("F-1101", T(-19), 14, kr(18'750))});
  }
  {  // Fresh, two invoices in one case.
    DemoCase c = next("two claims");
    c.create(T(-3), debtor[6],
             {claim("F-1096", T(-34), 14, kr(4'200)), claim("F-1102", T(-18), 14, kr(1'350, 50))});
    c.note(T(-3),
           "To fakturaer: ny tagrende og efterisolering af loftet. Kunden har ikke reageret "
           "på fakturaerne.");
  }
  {  // Not yet due: nothing to do before the due date has passed.
    DemoCase c = next("not yet due");
    c.create(T(0), debtor[8], {claim("F-1108", T(-5), 14, kr(6'480))});
  }
  {  // Reminder 1 sent; reminder 2 due.
    DemoCase c = next("reminder 2 due");
    c.create(T(-18), debtor[1], {claim("F-1079", T(-50), 30, kr(27'300))});
    c.follow(T(-6));
  }
  {  // Two reminders sent; the collection notice is due.
    DemoCase c = next("collection notice due");
    c.create(T(-27), debtor[9], {claim("F-1070", T(-44), 14, kr(3'875))});
    c.follow(T(-5));
  }
  {  // Collection notice sent; the demand may follow after its 10 days.
    DemoCase c = next("collection notice sent");
    c.create(T(-33), debtor[3], {claim("F-1064", T(-65), 30, kr(46'120))});
    c.follow(T(-1));
    c.note(T(-2), "Ringet til bogholderiet. De undersøger sagen og vender tilbage i denne uge.");
  }
  {  // Collection demand sent; the settlement offer is due.
    DemoCase c = next("demand sent");
    c.create(T(-53), debtor[7], {claim("F-1051", T(-69), 14, kr(9'640))});
    c.follow(T(-10));
  }
  {  // A settlement offer running (25 % off, deadline next week).
    DemoCase c = next("settlement offer");
    c.create(T(-60), debtor[2], {claim("F-1045", T(-92), 30, kr(15'900))});
    c.follow(T(-14));
    CaseView v = c.view(T(-5));
    Action offer =
        suggested_action(v.stored.history, ActionType::settlement_offer, T(-5), v.state.track);
    offer.discount_bp = 2500;
    offer.deadline = T(9);
    c.act(offer);
    c.note(T(-5), "Tilbudt 25 % rabat mod betaling af resten inden fristen.");
  }
  {  // A running payment agreement, every instalment paid.
    DemoCase c = next("agreement running");
    c.create(T(-148), debtor[10], {claim("F-0988", T(-164), 14, kr(12'400))});
    c.follow(T(-105));
    c.agreement(T(-100), 10);
    c.note(T(-100), "Aftalt afdrag pr. telefon. Aftalen er sendt til skyldner.");
    c.pay_instalments(T(0), 100);
  }
  {  // A defaulted agreement: two instalments paid, then none.
    DemoCase c = next("agreement defaulted");
    c.create(T(-170), debtor[11], {claim("F-0995", T(-186), 14, kr(8'150))});
    c.follow(T(-130));
    c.agreement(T(-125), 10);
    c.pay_instalments(T(0), 2);
    c.note(T(-20), "Ingen rate i denne måned. Ringet to gange uden svar.");
  }
  {  // Paid in full after the second reminder.
    DemoCase c = next("paid");
    c.create(T(-48), debtor[4], {claim("F-1049", T(-64), 14, kr(5'420))});
    c.follow(T(-30));
    c.pay_all(T(-25));
    c.note(T(-25), "Betalt fuldt ud efter 2. rykker.");
  }
  {  // Closed: the debtor went bankrupt; the rest is written off.
    DemoCase c = next("closed");
    c.create(T(-196), debtor[5], {claim("F-0931", T(-214), 14, kr(950))});
    c.follow(T(-150));
    c.note(T(-141), "Caféen er gået konkurs. Kravet er anmeldt i boet; resten afskrives.");
    c.close(T(-140));
  }
  {  // Paused: the debtor asked for time.
    DemoCase c = next("paused");
    c.create(T(-26), debtor[8], {claim("F-1068", T(-42), 14, kr(2'300))});
    c.follow(T(-10));
    c.pause(T(-8), T(21));
    c.note(T(-8), "Skyldner er sygemeldt og har bedt om henstand til næste måned.");
  }
  {  // Taken out of batch follow-up: a dispute, handled by hand.
    DemoCase c = next("manual");
    c.create(T(-38), debtor[0], {claim("F-1059", T(-54), 14, kr(31'200))});
    c.follow(T(-15));
    c.manual(T(-14));
    c.note(T(-14),
           "Skyldner bestrider fakturaen (mangler ved monteringen af døre). Behandles "
           "manuelt, ikke i den samlede opfølgning.");
  }
  {  // Three invoices, one reduced by a credit note.
    DemoCase c = next("claims and credit note");
    c.create(T(-42), debtor[1],
             {claim("F-1060", T(-75), 30, kr(12'500)), claim("F-1061", T(-75), 30, kr(3'200)),
              claim("F-1072", T(-60), 30, kr(7'850))});
    c.credit(T(-40), "F-1061", kr(1'200));
    c.note(T(-40), "Kreditnota på F-1061: afslag for forsinket levering.");
    c.follow(T(-3));
  }
  {  // The court: a payment order after the settlement offer lapsed.
    DemoCase c = next("payment order");
    c.create(T(-148), debtor[3], {claim("F-0990", T(-180), 30, kr(22'780))});
    c.follow(T(-5));
    c.note(T(-4), "Betalingspåkrav indleveret via minretssag.dk. Afventer fogedrettens svar.");
  }
  {  // A settlement offer accepted and paid: the discount is written off.
    DemoCase c = next("settlement paid");
    c.create(T(-78), debtor[7], {claim("F-1030", T(-94), 14, kr(6'900))});
    c.follow(T(-31));
    CaseView v = c.view(T(-20));
    if (v.state.settlement) c.pay(T(-20), v.state.settlement->offered_amount);
    c.note(T(-20), "Akkorden er betalt rettidigt. Sagen er afsluttet.");
  }
  {  // Switched to the fast track after the first reminder.
    DemoCase c = next("fast track");
    c.create(T(-28), debtor[2], {claim("F-1066", T(-44), 14, kr(4'150))});
    c.follow(T(-20));
    c.track(T(-18), Track::fast);
    c.note(T(-18), "Skiftet til hurtigt forløb: kunden har betalt for sent flere gange før.");
    c.follow(T(-1));
  }
  {  // Taken over from the old bookkeeping: reminders already sent, a part payment received.
    DemoCase c = next("imported");
    NewCase in;
    in.track = Track::gentle;
    in.reminders = {SentReminder{T(-60), kr(100), false, true},
                    SentReminder{T(-45), kr(100), false, false}};
    in.payments = {RecordedPayment{T(-50), kr(2'000), PaymentMethod::bank_transfer}};
    c.create(T(-40), debtor[4], {claim("F-0970", T(-80), 14, kr(14'600))}, in);
    c.note(T(-40), "Overtaget fra e-conomic. To rykkere er sendt derfra; 2.000 kr. er betalt.");
  }
  {  // An agreed fixed rate from the due date (business debtor).
    DemoCase c = next("fixed rate");
    NewCase in;
    in.interest = InterestSettings{InterestKind::fixed, InterestStart::due_date, 1000};
    c.create(T(-12), debtor[1], {claim("F-1088", T(-30), 14, kr(19'990))}, in);
    c.follow(T(0));
  }
  return made;
}

// ---- The bulk generator: the same kind of histories, built in memory.

struct Rng {
  std::mt19937_64 gen;
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
  bool chance(int percent) { return uniform(0, 99) < percent; }
  template <class T, size_t N>
  const T& pick(const T (&items)[N]) {
    return items[uniform(0, static_cast<int>(N) - 1)];
  }
};

constexpr const char* kFirstNames[] = {
    "Anne",  "Kirsten", "Mette",  "Hanne", "Helle",  "Lone",     "Susanne", "Birthe", "Inge",
    "Jens",  "Peter",   "Lars",   "Søren", "Niels",  "Henrik",   "Anders",  "Morten", "Rasmus",
    "Ærlig", "Åse",     "Øjvind", "Bjørn", "Sørine", "Frederik", "Ida",     "Freja",  "Mads"};
constexpr const char* kLastNames[] = {
    "Nielsen",  "Jensen",    "Hansen",     "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen",  "Petersen", "Madsen",   "Kristensen",  "Olsen",
    "Thomsen",  "Møller",    "Østergaard", "Bækgaard", "Damgård",  "Løvgren",     "Kjærsgaard"};
constexpr const char* kTrades[] = {"Byg",        "VVS",      "El-service", "Maling",    "Tag",
                                   "Murerfirma", "Snedkeri", "Anlæg",      "Transport", "Køkkener"};
constexpr const char* kForms[] = {"ApS", "A/S", "I/S", "ApS"};
constexpr const char* kStreets[] = {"Vestergade",  "Østergade", "Nørregade", "Søndergade",
                                    "Algade",      "Bøgevej",   "Kirkevej",  "Skovvej",
                                    "Stationsvej", "Møllevej",  "Åvej",      "Strandvejen"};
constexpr const char* kNotes[] = {
    "Ringet til skyldner, ingen svar.",
    "Skyldner lover at betale i næste uge.",
    "Sendt kopi af fakturaen pr. e-mail.",
    "Skyldner har spurgt til en afdragsordning.",
    "Adressen er bekræftet via CVR/folkeregister.",
    "Talt med skyldner: uenig i beløbet, men vil betale det ubestridte.",
    "Brev returneret; ny adresse fundet.",
};

// A CVR number that passes the modulus-11 check, from a counter (made up; 8 digits, no
// leading zero).
std::string generated_cvr(uint64_t n) {
  static constexpr int kWeights[7] = {2, 7, 6, 5, 4, 3, 2};
  for (uint64_t k = 0;; ++k) {
    std::string s = std::to_string(1'000'000 + (n * 7'919 + k) % 9'000'000);
    int sum = 0;
    for (int i = 0; i < 7; ++i) sum += kWeights[i] * (s[static_cast<size_t>(i)] - '0');
    int check = (11 - sum % 11) % 11;
    if (check < 10) return s + static_cast<char>('0' + check);
  }
}

DebtorInput generated_debtor(Rng& rng, uint64_t n) {
  DebtorInput d;
  const PostalTown& town = rng.pick(kTowns);
  d.postal_code = town.code;
  d.city = town.town;
  d.street = std::string(rng.pick(kStreets)) + " " + std::to_string(rng.uniform(1, 150));
  d.customer_no = "G" + std::to_string(100'000 + n);
  std::string last = rng.pick(kLastNames);
  if (rng.chance(40)) {
    d.kind = DebtorKind::company;
    d.name = last + " " + rng.pick(kTrades) + " " + rng.pick(kForms);
    d.cvr = generated_cvr(n);
    d.phone = std::to_string(rng.uniform(30, 99)) + " " + std::to_string(rng.uniform(10, 99)) +
              " " + std::to_string(rng.uniform(10, 99)) + " " + std::to_string(rng.uniform(10, 99));
  } else {
    d.kind = DebtorKind::person;
    d.name = std::string(rng.pick(kFirstNames)) + " " + last;
    if (rng.chance(50)) {
      char cpr[12];
      std::snprintf(cpr, sizeof cpr, "%02d%02d%02d-%d%03d", rng.uniform(1, 28), rng.uniform(1, 12),
                    rng.uniform(40, 99), rng.uniform(0, 3), rng.uniform(0, 999));
      d.cpr = cpr;
    }
    d.mobile = std::to_string(rng.uniform(20, 61)) + " " + std::to_string(rng.uniform(10, 99)) +
               " " + std::to_string(rng.uniform(10, 99)) + " " +
               std::to_string(rng.uniform(10, 99));
  }
  return d;
}

struct Timed {
  Date date;
  CaseEvent event;
};

struct GeneratedCase {
  CaseHistory history;        // settings and engine events
  std::vector<Timed> events;  // every event, in date order (notes included)
  bool batch_follow_up = true;
};

// One case of a creditor who follows the product's suggestions: invoices, perhaps a credit
// note, the track's steps with a few days' slack, part payments, payment agreements (kept or
// not), full payments, closings and notes; everything dated on or before `today`, every action
// checked by the engine as add_action would.
GeneratedCase generate_case(Rng& rng, uint64_t n, DebtorKind kind, const CaseDefaults& defaults,
                            Date today) {
  GeneratedCase g;
  CaseHistory& h = g.history;
  h.debtor = kind;
  h.track = rng.chance(70) ? defaults.track : (rng.chance(50) ? Track::gentle : Track::fast);
  h.interest =
      InterestSettings{defaults.interest_kind, defaults.interest_from,
                       defaults.interest_kind == InterestKind::fixed ? defaults.fixed_rate_bp : 0};
  if (kind == DebtorKind::company && rng.chance(10))
    h.interest = InterestSettings{InterestKind::fixed, InterestStart::due_date, 1000};
  if (kind == DebtorKind::person && h.interest.kind == InterestKind::fixed)
    h.interest = InterestSettings{InterestKind::procesrente, h.interest.from, 0};
  g.batch_follow_up = !rng.chance(3);

  auto add = [&](Date d, CaseEvent e) { g.events.push_back(Timed{d, std::move(e)}); };

  // Most cases are from the last four months; the rest up to 14 months old (many in court).
  const Date start = today - (rng.chance(70) ? rng.uniform(5, 120) : rng.uniform(120, 420));
  const int claims =
      1 + (rng.chance(70) ? 1 : 0) + (rng.chance(40) ? 1 : 0) + (rng.chance(20) ? 1 : 0);
  for (int i = 0; i < claims; ++i) {
    Date invoice = std::min(today, start + rng.uniform(0, 12) * i);
    Claim c{"F-" + std::to_string(10'000 + n * 4 + static_cast<uint64_t>(i)), invoice,
            invoice + (rng.chance(60) ? 14 : 30),
            Money::from_ore(int64_t{rng.uniform(400, 40'000)} * 100 + rng.uniform(0, 1) * 50)};
    h.claims.push_back(c);
    add(invoice, c);
  }
  if (rng.chance(15)) {
    const Claim& c = h.claims.front();
    CreditNote cn{c.ref, std::min(today, c.invoice_date + rng.uniform(3, 20)),
                  Money::from_ore(c.amount.ore() / 100 * rng.uniform(5, 30))};
    h.credit_notes.push_back(cn);
    add(cn.date, cn);
  }

  auto pay = [&](Date d, Money amount, PaymentMethod m) {
    h.payments.push_back(Payment{d, amount});
    add(d, RecordedPayment{d, amount, m});
  };

  // The creditor's plan for this case.
  const int pays_in_full_after = rng.chance(15) ? rng.uniform(1, 4) : -1;  // after so many steps
  const bool part_payment = rng.chance(35);
  const bool agreement_after_demand = rng.chance(25);
  const int agreement_payments = rng.chance(65) ? 1'000 : rng.uniform(0, 3);  // kept, or not
  // A third of the cases wait for a step the creditor has not taken yet (due for follow-up).
  const Date horizon = rng.chance(35) ? today - rng.uniform(0, 40) : today;
  bool in_agreement = false;
  int steps = 0;
  for (int guard = 0; guard < 16; ++guard) {
    auto state = evaluate(h, today);
    if (!state || !state->next_action) break;
    Date on = std::max(state->next_action->date + rng.uniform(0, 3),
                       h.actions.empty() ? h.claims.front().invoice_date : h.actions.back().date);
    if (on > horizon) break;
    ActionType type = state->next_action->type;
    if (agreement_after_demand && !in_agreement && type == ActionType::settlement_offer) {
      Action a = agreement_on(h, on, rng.uniform(4, 12));
      if (!check_new_action(h, a)) break;
      h.actions.push_back(a);
      add(on, a);
      in_agreement = true;
      for (int i = 0; i < agreement_payments; ++i) {
        Date due = a.first_date->add_months(i);
        if (due > today) break;
        auto now = evaluate(h, due);
        if (!now || !now->outstanding.total().is_positive()) break;
        pay(due + rng.uniform(0, 2) > today ? due : due + rng.uniform(0, 2),
            std::min(a.instalment, now->outstanding.total()), PaymentMethod::bank_transfer);
      }
      continue;
    }
    Action a = suggested_action(h, type, on, state->track);
    if (!check_new_action(h, a)) break;  // e.g. a payment order over the limit: the creditor stops
    h.actions.push_back(a);
    add(on, a);
    ++steps;
    if ((steps == 1 && part_payment) || (steps == 3 && rng.chance(25))) {
      Date d = std::min(today, on + rng.uniform(2, 9));
      auto now = evaluate(h, d);
      if (now && now->outstanding.total().ore() > 1'000)
        pay(d, Money::from_ore(now->outstanding.total().ore() / 100 * rng.uniform(10, 40)),
            PaymentMethod::bank_transfer);
    }
    if (steps == pays_in_full_after) {
      Date d = std::min(today, on + rng.uniform(1, 10));
      auto now = evaluate(h, d);
      if (now && now->outstanding.total().is_positive()) {
        pay(d, now->outstanding.total(),
            rng.chance(80) ? PaymentMethod::bank_transfer : PaymentMethod::card);
        Date closing = d + rng.uniform(3, 30);
        Action close;
        close.type = ActionType::close;
        close.date = closing;
        if (closing <= today && rng.chance(40) && check_new_action(h, close)) {
          h.actions.push_back(close);
          add(closing, close);
        }
      }
      break;
    }
  }

  const Date first = h.claims.front().invoice_date;
  const int notes =
      1 + (rng.chance(80) ? 1 : 0) + (rng.chance(50) ? 1 : 0) + (rng.chance(30) ? 1 : 0);
  for (int i = 0; i < notes; ++i) {
    Date d = first + rng.uniform(0, std::max(0, today - first));
    add(d, Note{d, rng.pick(kNotes)});
  }
  std::stable_sort(g.events.begin(), g.events.end(),
                   [](const Timed& a, const Timed& b) { return a.date < b.date; });
  return g;
}

// Writes one generated case as the web would: create_case with its claims, then one use case
// per later event, each on its own day.
void write_through_use_cases(Env& env, int64_t debtor, const GeneratedCase& g, size_t n) {
  DemoCase c(env, "generated case " + std::to_string(n));
  NewCase in;
  in.track = g.history.track;
  in.interest = g.history.interest;
  Date created = g.history.claims.front().invoice_date;
  for (const Claim& claim : g.history.claims) created = std::max(created, claim.invoice_date);
  c.create(created, debtor, g.history.claims, in);
  for (const Timed& t : g.events) {
    if (std::holds_alternative<Claim>(t.event)) continue;
    if (auto* a = std::get_if<Action>(&t.event)) {
      if (a->type == ActionType::close)
        c.close(a->date);
      else
        c.act(*a);
    } else if (auto* p = std::get_if<RecordedPayment>(&t.event)) {
      c.pay(p->date, p->amount, p->method.value_or(PaymentMethod::bank_transfer));
    } else if (auto* cn = std::get_if<CreditNote>(&t.event)) {
      c.credit(cn->date, cn->ref, cn->amount);
    } else if (auto* note = std::get_if<Note>(&t.event)) {
      c.note(note->date, note->text);
    }
  }
  if (!g.batch_follow_up) c.manual(env.today);
}

int64_t count_cases(Database& db, const Actor& actor, int64_t account, bool only_open) {
  CaseQuery q;
  q.limit = 1;
  q.only_open = only_open;
  return must(search_cases(db, actor, account, q), "search_cases").total;
}

}  // namespace

Result<BulkReport> create_bulk_cases(Database& db, const SecretBox& box, const Actor& actor,
                                     int64_t account_id, Date today, int64_t now_unix, int64_t n,
                                     uint64_t seed, BulkMode mode) {
  try {
    BulkReport report;
    if (n <= 0) return report;
    Rng rng{std::mt19937_64(seed)};
    Account account = must(get_account(db, actor, account_id), "get_account");
    FixedClock now(now_unix, today);

    // The debtors, one use case each; customer numbers continue from the debtors there are.
    auto started = std::chrono::steady_clock::now();
    DebtorQuery all;
    all.limit = 1;
    const int64_t existing = must(search_debtors(db, box, actor, account_id, all), "search").total;
    const int64_t debtor_count = std::max<int64_t>(1, n / 10);
    std::vector<std::pair<int64_t, DebtorKind>> debtors;
    debtors.reserve(static_cast<size_t>(debtor_count));
    for (int64_t i = 0; i < debtor_count; ++i) {
      DebtorInput d = generated_debtor(rng, static_cast<uint64_t>(existing + i));
      int64_t id = must(create_debtor(db, now, box, actor, account_id, d), "create_debtor");
      debtors.emplace_back(id, d.kind);
    }
    report.debtors = debtor_count;
    report.debtor_seconds = seconds_since(started);

    started = std::chrono::steady_clock::now();
    Env env(db, box, actor, account_id, today);
    soci::session sql(db.pool());
    if (mode == BulkMode::insert_case) {
      // The role check the use cases make, once for the batch.
      must(require_role(sql, account_id, actor, Role::case_handler), "require_role");
      // Each insert_case commits on its own. On PostgreSQL a commit need not wait for the disk
      // here (a crash loses at most the last moment's cases, never consistency); SQLite's WAL
      // with synchronous=NORMAL does not wait for the disk at commit anyway.
      if (db.dialect() == Dialect::postgresql) sql << "SET synchronous_commit = off";
    }
    const ChangeContext ctx{actor.user_id, now_unix, today};
    for (int64_t i = 0; i < n; ++i) {
      const auto& [debtor, kind] =
          debtors[static_cast<size_t>(rng.uniform(0, static_cast<int>(debtors.size()) - 1))];
      GeneratedCase g =
          generate_case(rng, static_cast<uint64_t>(i), kind, account.case_defaults, today);
      report.events += static_cast<int64_t>(g.events.size());
      if (mode == BulkMode::use_cases) {
        write_through_use_cases(env, debtor, g, static_cast<size_t>(i + 1));
        continue;
      }
      NewCaseRecord record;
      record.account_id = account_id;
      record.debtor_id = debtor;
      record.batch_follow_up = g.batch_follow_up;
      record.portal_password_sealed_hex = to_hex(box.seal(random_password()));
      record.settings = g.history;
      record.events.reserve(g.events.size());
      for (const Timed& t : g.events) record.events.push_back(t.event);
      must(insert_case(sql, record, ctx), "insert_case (generated case " + std::to_string(i) + ")");
    }
    if (mode == BulkMode::insert_case && db.dialect() == Dialect::postgresql)
      sql << "RESET synchronous_commit";
    report.cases = n;
    report.case_seconds = seconds_since(started);
    return report;
  } catch (const Failure& f) {
    return f.error;
  }
}

Result<DemoDataReport> create_demo_data(Database& db, const SecretBox& box,
                                        const DemoDataOptions& options) {
  try {
    DemoDataReport report;
    FixedClock now(options.now_unix, options.today);

    // The user: signed up once, then found by logging in.
    SignUp form{"Demo", "Bruger", kDemoEmail, kDemoPassword, kDemoPassword, true};
    auto user = sign_up(db, now, form);
    if (user) {
      report.user_created = true;
    } else if (user.error().code == app_error::kDuplicate) {
      user = authenticate(db, kDemoEmail, kDemoPassword);
      if (!user)
        return make_error("demo_user", std::string("the user ") + kDemoEmail +
                                           " exists with another password than the demo "
                                           "password; change it back or use another database");
    } else {
      must(std::move(user), "sign_up");
    }
    report.user_id = *user;
    const Actor actor{report.user_id};
    // The demo user also runs the installation (Drift: court districts, letter service), so a
    // newcomer sees every page.
    if (auto st = set_installation_operator(db, kDemoEmail, true); !st) return st.error();

    // The account: the user's account of that name and CVR, or a new one.
    for (const AccountSummary& a : list_accounts_of_user(db, actor))
      if (a.name == kDemoAccountName && a.cvr == kDemoAccountCvr) report.account_id = a.id;
    if (!report.account_id) {
      CompanyAccount account;
      account.name = kDemoAccountName;
      account.cvr = kDemoAccountCvr;
      account.email = "faktura@demotomrer.dk";
      account.phone = "86 24 51 70";
      account.vat_registered = true;
      account.street = "Værkstedsvej 14";
      account.postal_code = "8210";
      account.city = "Aarhus V";
      account.bank_name = "Jyske Bank";
      account.reg_no = "7130";
      account.account_no = "0001234567";
      report.account_id = must(create_company_account(db, now, actor, account), "create account");
    }

    // The debtors (found again by customer number) and the cases, once.
    if (count_cases(db, actor, report.account_id, false) == 0) {
      std::vector<int64_t> debtor_ids;
      for (const DebtorInput& d : demo_debtors()) {
        DebtorQuery q;
        q.text = d.customer_no;
        q.limit = 10;
        auto found = must(search_debtors(db, box, actor, report.account_id, q), "search debtors");
        int64_t id = 0;
        for (const Debtor& x : found.debtors)
          if (x.customer_no == d.customer_no) id = x.id;
        if (!id) id = must(create_debtor(db, now, box, actor, report.account_id, d), d.name);
        debtor_ids.push_back(id);
      }
      Env env(db, box, actor, report.account_id, options.today);
      make_demo_cases(env, debtor_ids);
      report.demo_cases_created = true;
    }

    if (options.bulk_cases > 0)
      report.bulk =
          must(create_bulk_cases(db, box, actor, report.account_id, options.today, options.now_unix,
                                 options.bulk_cases, options.seed, options.bulk_mode),
               "generated cases");

    DebtorQuery all;
    all.limit = 1;
    report.debtors = must(search_debtors(db, box, actor, report.account_id, all), "search").total;
    report.cases = count_cases(db, actor, report.account_id, false);
    report.open_cases = count_cases(db, actor, report.account_id, true);
    report.due_for_follow_up = static_cast<int64_t>(
        must(list_due_for_follow_up(db, actor, report.account_id, options.today), "follow-up")
            .size());
    return report;
  } catch (const Failure& f) {
    return f.error;
  }
}

}  // namespace inkasso
