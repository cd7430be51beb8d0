# An independent day-by-day interest computation with exact fractions, used to check the
# arithmetic in the scenario files (python3 -c "from interest_reference import *; ...").
# It shares no code with the engine; keep its rate table in step with src/core/law_table.cc.
from fractions import Fraction as F
from datetime import date, timedelta
RATES={(2013,1):20,(2013,7):20,(2014,1):20,(2014,7):20,(2015,1):20}
for y in range(2015,2021):
    for m in (1,7):
        if (y,m)>=(2015,7): RATES[(y,m)]=5
RATES[(2021,1)]=5
RATES.update({(2021,7):-35,(2022,1):-45,(2022,7):-45,(2023,1):190,(2023,7):325,(2024,1):375,(2024,7):350,(2025,1):275,(2025,7):175,(2026,1):175,(2026,7):200})
def bp(d, surcharge=800): return RATES[(d.year, 1 if d.month<7 else 7)]+surcharge
def diy(y): return 366 if (y%4==0 and (y%100!=0 or y%400==0)) else 365
def exact(principal_ore, a, b, fixed=None, surcharge=800):
    """interest for days a+1..b, exact fraction of øre"""
    s=F(0); d=a+timedelta(1)
    while d<=b:
        r = fixed if fixed is not None else bp(d,surcharge)
        s+=F(principal_ore*r, 10000*diy(d.year)); d+=timedelta(1)
    return s
def rnd(x): return int(x+F(1,2))
D=lambda s: date.fromisoformat(s)
