// The digest mail's text (jobs/digest_mail.h), as a pure function.
#include "jobs/digest_mail.h"

#include <gtest/gtest.h>

namespace inkasso {
namespace {

const DigestRecipient kTo{7, "jens@hansen.dk", "Jens", 3, "Smith & <Søn> ApS"};

TEST(DigestMail, TheSubjectNamesTheFirstThingToDoInTheRightNumber) {
  DigestCounts c;
  c.follow_up = 1;
  const Date day = Date::ymd(2026, 3, 2);
  EXPECT_EQ(compose_digest_mail(kTo, c, day, day, "https://x.dk", "t").subject,
            "1 sag til opfølgning hos Smith & <Søn> ApS");
  c.follow_up = 0;
  c.court_fees = 2;
  EXPECT_EQ(compose_digest_mail(kTo, c, day, day, "https://x.dk", "t").subject,
            "2 retsafgifter til overførsel hos Smith & <Søn> ApS");
  c.court_fees = 0;
  c.agreement_requests = 1;
  EXPECT_EQ(compose_digest_mail(kTo, c, day, day, "https://x.dk", "t").subject,
            "1 anmodning om betalingsaftale hos Smith & <Søn> ApS");
}

TEST(DigestMail, LinksUnchangedSinceAndEscaping) {
  DigestCounts c;
  c.defaulted_agreements = 3;
  const DigestMail m = compose_digest_mail(kTo, c, Date::ymd(2026, 3, 6), Date::ymd(2026, 3, 2),
                                           "https://x.dk", "7-abc");
  EXPECT_EQ(m.to, "jens@hansen.dk");
  EXPECT_EQ(m.unsubscribe_url, "https://x.dk/opfoelgningsmail/afmeld/7-abc");
  EXPECT_EQ(m.one_click_url, "https://x.dk/opfoelgningsmail/afmeld/7-abc/et-klik");
  EXPECT_NE(m.text.find("Hej Jens\n"), std::string::npos);
  EXPECT_NE(m.text.find("Misligholdte aftaler: 3\n  https://x.dk/todo#misligholdte\n"),
            std::string::npos);
  EXPECT_NE(m.text.find("Sager til opfølgning: 0\nDokumenter"), std::string::npos)
      << "no link for a 0";
  // Day 1 of these counts was 02-03, today is 06-03.
  EXPECT_NE(m.text.find("Tallene er uændrede siden 02.03.2026."), std::string::npos) << m.text;
  EXPECT_NE(m.html.find("Smith &amp; &lt;Søn&gt; ApS"), std::string::npos);
  EXPECT_EQ(m.html.find("<Søn>"), std::string::npos);
  // On day 1 nothing is said about unchanged counts.
  const DigestMail first = compose_digest_mail(kTo, c, Date::ymd(2026, 3, 2), Date::ymd(2026, 3, 2),
                                               "https://x.dk", "t");
  EXPECT_EQ(first.text.find("uændrede"), std::string::npos);
}

}  // namespace
}  // namespace inkasso
