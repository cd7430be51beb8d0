#include "core/paydays.h"

#include <gtest/gtest.h>

namespace inkasso {
namespace {

Date d(int y, int m, int day) {
  return Date::ymd(y, m, day);
}

// From Tuesday 24 November 2026:
//  - salary November: 30-11-2026 is a Monday, a banking day;
//  - salary December: the 31st is a bank holiday (nytårsaftensdag), so Wednesday 30-12-2026;
//  - børnepenge for the quarter: 20-01-2027 is a Wednesday;
//  - salary January: the 31st is a Sunday, the 30th a Saturday: Friday 29-01-2027.
TEST(Paydays, SalaryOnTheLastBankingDayAndChildBenefitOnTheTwentieth) {
  auto days = next_paydays(d(2026, 11, 24), 4);
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days[0].date, d(2026, 11, 30));
  EXPECT_EQ(days[0].kind, PaydayKind::salary);
  EXPECT_EQ(days[1].date, d(2026, 12, 30));
  EXPECT_EQ(days[2].date, d(2027, 1, 20));
  EXPECT_EQ(days[2].kind, PaydayKind::child_benefit);
  EXPECT_EQ(days[3].date, d(2027, 1, 29));
}

// 20 April 2025 is Easter Sunday and the 18th Good Friday, the 17th Maundy Thursday: the child
// benefit comes Wednesday 16 April. The day itself counts ("on or after").
TEST(Paydays, AChildBenefitDayThatIsAHolidayMovesToTheBankingDayBefore) {
  auto days = next_paydays(d(2025, 4, 16), 1);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].date, d(2025, 4, 16));
  EXPECT_EQ(days[0].kind, PaydayKind::child_benefit);
  EXPECT_TRUE(next_paydays(d(2025, 4, 16), 0).empty());
}

}  // namespace
}  // namespace inkasso
