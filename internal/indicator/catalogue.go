package indicator

import "slices"

// OutcomeKind says whether a framework entry is an outcome for children or an enabler of them.
type OutcomeKind string

const (
	KindOutcome OutcomeKind = "outcome" // something children and families experience
	KindEnabler OutcomeKind = "enabler" // something the system needs for the outcomes to happen
)

// Outcome is one outcome or enabler of the national framework for children's social care, by which
// the catalogue groups its indicators.
type Outcome struct {
	ID    string // stable, e.g. "stable-homes"
	Title string // the framework's aim in plain English
	Kind  OutcomeKind
}

// outcomes are the framework's four outcomes and three enablers, in the framework's order.
var outcomes = []Outcome{
	{"family-help", "Children, young people and families stay together and get the help they need", KindOutcome},
	{"family-network", "Children and young people are supported by their family network", KindOutcome},
	{"safety", "Children and young people are safe in and outside of their homes", KindOutcome},
	{"stable-homes", "Children in care and care leavers have stable, loving homes", KindOutcome},
	{"workforce", "The workforce is equipped and effective", KindEnabler},
	{"leadership", "Leaders drive conditions for effective practice", KindEnabler},
	{"learning", "The whole system is learning and improving", KindEnabler},
}

// Outcomes returns the national framework's outcomes and then its enablers, in the framework's order.
func Outcomes() []Outcome { return slices.Clone(outcomes) }

// smallNumber is the denominator below which a figure is shown as "n of d" rather than a percentage.
const smallNumber = 20

// The category lists of the breakdowns, in the order they are shown.
var (
	ageCategories   = []string{"under-1", "1-4", "5-9", "10-15", "16-plus"}
	legalCategories = []string{"interim-care-order", "full-care-order", "placement-order", "section-20",
		"police-protection-emergency", "youth-justice", "other"}
	placementCategories = []string{"foster", "placed-for-adoption", "with-parents", "independent-living",
		"childrens-homes-and-secure", "residential-schools", "other-residential", "other"}
)

// catalogue is every indicator, in the order reports list them: looked-after measures, then children
// in need and child protection, then workforce, then the figures councils enter themselves. It is
// read only: Catalogue and Lookup hand out copies.
var catalogue = []Indicator{
	// Children looked after: how many, and who.
	{
		ID:    "cla-count",
		Title: "Children looked after (CLA)",
		Meaning: "The number of children looked after by the council on the date, not counting children " +
			"who are only looked after for an agreed series of short breaks.",
		Why: "The size of the council's care population: the starting point for planning places, " +
			"social workers and budgets. It is context rather than performance, so it has no rating.",
		Unit: Count, Polarity: Neutral, Period: AtDate, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LACnum", Acronyms: []string{"CLA"},
	},
	{
		ID:    "cla-rate",
		Title: "Children looked after (CLA) per 10,000 children",
		Meaning: "Children looked after on the date, not counting those only on an agreed series of short " +
			"breaks, for every 10,000 children aged 0 to 17 living in the area (the latest ONS estimate).",
		Why: "Allows fair comparison with other councils of different sizes. A high or low rate is " +
			"neither good nor bad on its own: it prompts questions about need, early help and thresholds.",
		Unit: Rate10k, Polarity: Neutral, Period: AtDate, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LAC", Acronyms: []string{"CLA", "ONS"},
	},
	{
		ID:    "cla-starts-rate",
		Title: "Children starting to be looked after per 10,000 children",
		Meaning: "Children who started to be looked after in the 12 months to the date, each child " +
			"counted once however many times they came into care, for every 10,000 children aged 0 to 17. " +
			"Children who only started a series of short breaks are not counted.",
		Why: "Shows how many families the council could not keep together. Compared with neighbours it " +
			"says something about the help families get before a crisis.",
		Unit: Rate10k, Polarity: Neutral, Period: YearTo, Source: SourceSSDA903, Outcome: "family-help",
		LAIT: "LAC_Start_Rate",
	},
	{
		ID:    "cla-ceased-rate",
		Title: "Children ceasing to be looked after per 10,000 children",
		Meaning: "Children who stopped being looked after in the 12 months to the date, each child " +
			"counted once, for every 10,000 children aged 0 to 17. Children whose only care was a series " +
			"of short breaks are not counted.",
		Why: "Read with the starts rate, it shows whether the care population is growing or shrinking " +
			"and how quickly children leave care for home, family or adoption.",
		Unit: Rate10k, Polarity: Neutral, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LAC_Cease_Rate",
	},
	{
		ID:    "cla-by-age",
		Title: "Children looked after (CLA) by age",
		Meaning: "The children looked after on the date (not counting those only on short breaks) split by " +
			"their age on the date: under 1, 1 to 4, 5 to 9, 10 to 15, and 16 or over. Each part is shown " +
			"as a number and as a share of all children looked after.",
		Why: "Older children and babies need different placements and support; a change in the age mix " +
			"changes what the council has to provide.",
		Unit: Percent, Polarity: Neutral, Period: AtDate, Source: SourceSSDA903, Outcome: "stable-homes",
		Acronyms: []string{"CLA"}, Categories: ageCategories,
	},
	{
		ID:    "cla-by-legal-status",
		Title: "Children looked after (CLA) by legal status",
		Meaning: "The children looked after on the date (not counting those only on short breaks) split by " +
			"the legal basis of their care: interim care order (C2), full care order (C1), placement order " +
			"for adoption (E1), accommodated with the parents' agreement under section 20 (V2), police " +
			"protection or an emergency protection or child assessment order (L1, L2, L3), youth justice " +
			"remand or order (J1, J2, J3), and other (D1, freeing order).",
		Why: "Shows how many children are in care by agreement and how many by court order; long stays " +
			"under section 20 and delays in court are things a committee may want to look into.",
		Unit: Percent, Polarity: Neutral, Period: AtDate, Source: SourceSSDA903, Outcome: "stable-homes",
		Acronyms: []string{"CLA"}, Categories: legalCategories,
	},
	{
		ID:    "cla-by-placement",
		Title: "Children looked after (CLA) by type of placement",
		Meaning: "The children looked after on the date (not counting those only on short breaks) split by " +
			"where they live: foster care (U1 to U6); placed for adoption (A3 to A6); with parents or others " +
			"with parental responsibility (P1); independent living or supported accommodation (P2, H5); " +
			"children's homes and secure children's homes (K2, K1); residential schools (S1); other " +
			"residential settings: residential care homes, NHS or health trust settings and young offender " +
			"institutions or prisons (R1, R2, R5); and other: family centres or mother and baby units (R3), " +
			"residential employment (P3), temporary placements (T0 to T4) and any other placement (Z1).",
		Why: "Most children do best in a family; the share in foster care and in children's homes also " +
			"drives cost. A rise in residential or unregulated placements is an early warning sign.",
		Unit: Percent, Polarity: Neutral, Period: AtDate, Source: SourceSSDA903, Outcome: "stable-homes",
		Acronyms: []string{"CLA", "NHS"}, Categories: placementCategories,
	},

	// Stability of placements and relationships.
	{
		ID:    "placement-3plus",
		Title: "Children looked after with 3 or more placements in the year",
		Meaning: "Of the children looked after on the date (not counting those only on short breaks), the " +
			"percentage who had three or more placements in the 12 months to the date. A child adopted by " +
			"the foster carers they already live with has not moved.",
		Why:  "Every move means new carers, often a new school and lost friendships. Fewer moves is better.",
		Unit: Percent, Polarity: LowerIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LACStable_2016on",
	},
	{
		ID:    "placement-long-term",
		Title: "Long-term placement stability",
		Meaning: "Of the children under 16 on the date who have been looked after continuously for at least " +
			"two and a half years, the percentage who have lived in the same placement for at least two " +
			"years, or who are placed for adoption where the adoptive placement and the one before it " +
			"together have lasted at least two years.",
		Why: "Children who have been in care a long time need settled homes and lasting relationships. " +
			"Higher is better.",
		Unit: Percent, Polarity: HigherIsBetter, Period: AtDate, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LAC_LongStable%",
	},
	{
		ID:    "placement-20-miles",
		Title: "Children looked after placed more than 20 miles from home",
		Meaning: "Of the children looked after on the date, the percentage living more than 20 miles from " +
			"the home they came into care from. Until csperf holds postcode locations this figure comes " +
			"from the Department for Education's published data.",
		Why: "Children placed far away are more likely to lose touch with family, school and friends; " +
			"some distant placements are chosen to keep a child safe, so the detail matters.",
		Unit: Percent, Polarity: LowerIsBetter, Period: AtDate, Source: SourcePublished, Outcome: "stable-homes",
	},
	{
		ID:    "sw-changes-3plus",
		Title: "Children looked after with 3 or more social workers in the year",
		Meaning: "Of the children looked after on the date (not counting those only on short breaks), the " +
			"percentage who had three or more different social workers in the 12 months to the date. " +
			"Going back to a social worker the child had before does not count as a new one.",
		Why: "Children say that changing social worker is one of the hardest parts of being in care; " +
			"a lasting relationship with one worker is better.",
		Unit: Percent, Polarity: LowerIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "Stability_SocialWorker",
	},

	// Safety of children in care.
	{
		ID:    "missing-children",
		Title: "Children looked after who went missing",
		Meaning: "Of all the children looked after at any time in the 12 months to the date (not counting " +
			"those only on short breaks), the percentage who were missing from their placement at least " +
			"once in that time.",
		Why: "Children who go missing are at risk of exploitation and harm. A higher figure can also mean " +
			"better recording, so it is watched rather than rated.",
		Unit: Percent, Polarity: Neutral, Period: YearTo, Source: SourceSSDA903, Outcome: "safety",
		LAIT: "Children_missing",
	},
	{
		ID:    "missing-incidents",
		Title: "Missing incidents of children looked after",
		Meaning: "The number of times children looked after (not counting those only on short breaks) went " +
			"missing from their placement in the 12 months to the date; one child can go missing many times.",
		Why: "Read with the number of children who went missing, it shows whether a few children go " +
			"missing repeatedly, which calls for a plan for each of them.",
		Unit: Count, Polarity: Neutral, Period: YearTo, Source: SourceSSDA903, Outcome: "safety",
	},

	// Health and wellbeing of children in care (the OC2 cohort).
	{
		ID:    "health-assessment",
		Title: "Children looked after with an up-to-date annual health assessment",
		Meaning: "Of the children looked after continuously for at least 12 months on the date, the " +
			"percentage who had their annual health assessment in the year.",
		Why: "Children in care often have health needs that have been missed; the health assessment is " +
			"how they are found and met.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LACHealth%",
	},
	{
		ID:    "immunisations",
		Title: "Children looked after with immunisations up to date",
		Meaning: "Of the children looked after continuously for at least 12 months on the date, the " +
			"percentage whose immunisations were up to date for their age, including those due before " +
			"they came into care.",
		Why:  "Missed immunisations leave children exposed to preventable illness.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LACVaccinations%",
	},
	{
		ID:    "dental",
		Title: "Children looked after who had their teeth checked",
		Meaning: "Of the children looked after continuously for at least 12 months on the date, the " +
			"percentage who had their teeth checked by a dentist in the year.",
		Why:  "Dental decay is common among children in care and easy to prevent with regular checks.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "LACDental%",
	},
	{
		ID:    "sdq-average",
		Title: "Emotional and behavioural health of children looked after: average SDQ score",
		Meaning: "The average Strengths and Difficulties Questionnaire (SDQ) score of the children aged 5 " +
			"to 16 who have been looked after continuously for at least 12 months and whose carer filled " +
			"in the questionnaire. Scores run from 0 to 40; 0 to 13 is considered normal, 14 to 16 " +
			"borderline and 17 or more a cause for concern.",
		Why: "Children in care are far more likely to have mental health difficulties. A lower average " +
			"score is better; the score is also how children who need help are picked out.",
		Unit: Score, Decimals: 1, Polarity: LowerIsBetter, Period: YearTo, Source: SourceSSDA903,
		Outcome: "stable-homes", LAIT: "Emotional_LAC", Acronyms: []string{"SDQ"},
	},

	// Care leavers (the OC3 follow-up).
	{
		ID:    "care-leavers-eet-19-21",
		Title: "Care leavers aged 19 to 21 in education, employment or training (EET)",
		Meaning: "Of the young people who left care as teenagers (looked after for at least 13 weeks after " +
			"their 14th birthday, including some time after turning 16) and had their 19th, 20th or 21st " +
			"birthday in the 12 months to the date, the percentage in education, employment or training " +
			"around their birthday. Young people the council has lost touch with count as not in it.",
		Why: "Work and learning are the route to an independent adult life; the council remains their " +
			"corporate parent until 25.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "CareLeaverEET", Acronyms: []string{"EET"},
	},
	{
		ID:    "care-leavers-accom-19-21",
		Title: "Care leavers aged 19 to 21 in suitable accommodation",
		Meaning: "Of the young people who left care as teenagers (looked after for at least 13 weeks after " +
			"their 14th birthday, including some time after turning 16) and had their 19th, 20th or 21st " +
			"birthday in the 12 months to the date, the percentage living in accommodation judged " +
			"suitable. Young people who have gone abroad, been deported or whose home is not known are " +
			"left out of the count.",
		Why:  "A safe, settled home underpins everything else for a young adult leaving care.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "CareLeaverAcc",
	},
	{
		ID:    "care-leavers-eet-17-18",
		Title: "Care leavers aged 17 to 18 in education, employment or training (EET)",
		Meaning: "Of the young people who left care as teenagers (looked after for at least 13 weeks after " +
			"their 14th birthday, including some time after turning 16) and had their 17th or 18th " +
			"birthday in the 12 months to the date, the percentage in education, employment or training " +
			"around their birthday. Young people the council has lost touch with count as not in it.",
		Why: "The first years after care are when young people most often drop out of learning; early " +
			"support keeps them on track.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		Acronyms: []string{"EET"},
	},
	{
		ID:    "care-leavers-accom-17-18",
		Title: "Care leavers aged 17 to 18 in suitable accommodation",
		Meaning: "Of the young people who left care as teenagers (looked after for at least 13 weeks after " +
			"their 14th birthday, including some time after turning 16) and had their 17th or 18th " +
			"birthday in the 12 months to the date, the percentage living in accommodation judged " +
			"suitable. Young people who have gone abroad, been deported or whose home is not known are " +
			"left out of the count.",
		Why: "Young people leave care earlier than most leave home; a suitable place to live is the " +
			"foundation for the rest.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
	},

	// Leaving care for a permanent family.
	{
		ID:    "adopted-percent",
		Title: "Children leaving care who were adopted",
		Meaning: "Of the children who stopped being looked after in the 12 months to the date (each child " +
			"counted once, by their last time leaving care), the percentage who left because they were " +
			"adopted (reasons E11 and E12).",
		Why:  "For children who cannot go home, adoption gives a permanent family for life.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceSSDA903, Outcome: "stable-homes",
		LAIT: "%_of LAC Adopted",
	},
	{
		ID:    "sgo-percent",
		Title: "Children leaving care to a special guardian or under a child arrangements order",
		Meaning: "Of the children who stopped being looked after in the 12 months to the date (each child " +
			"counted once, by their last time leaving care), the percentage who left under a special " +
			"guardianship order (SGO; reasons E45 and E46) or a child arrangements order (reasons E47 and E48).",
		Why: "Shows how often children leave care to live permanently with relatives, friends or former " +
			"foster carers. It is context, as the right order depends on each child.",
		Unit: Percent, Polarity: Neutral, Period: YearTo, Source: SourceSSDA903, Outcome: "family-network",
		Acronyms: []string{"SGO"},
	},
	{
		ID:    "adoption-a1",
		Title: "Average days from entering care to moving in with the adoptive family (A1)",
		Meaning: "For the children adopted in the 3 years to the date, the average number of days between " +
			"starting to be looked after and moving in with their adoptive family. For children adopted " +
			"by their foster carers, the day they moved in with those carers as foster carers is used.",
		Why:  "Every day of delay matters to a young child waiting for a permanent family. Fewer days is better.",
		Unit: Days, Polarity: LowerIsBetter, Period: ThreeYear, Source: SourceSSDA903, Outcome: "stable-homes",
	},
	{
		ID:    "adoption-a2",
		Title: "Average days from placement order to being matched with adopters (A2)",
		Meaning: "For the children adopted in the 3 years to the date, the average number of days between " +
			"the court's placement order, which allows the council to place the child for adoption, and " +
			"the council's decision to match the child with their adoptive family.",
		Why: "Shows how quickly the council and its adoption agency find a family once the court has " +
			"decided. Fewer days is better.",
		Unit: Days, Polarity: LowerIsBetter, Period: ThreeYear, Source: SourceSSDA903, Outcome: "stable-homes",
	},
	{
		ID:    "adoption-a10",
		Title: "Average days from entering care to moving in with the adoptive family, counting foster-carer adoptions from the foster placement (A10)",
		Meaning: "As A1, for the children adopted in the 3 years to the date: the average number of days " +
			"between starting to be looked after and moving in with the family who adopted them, where " +
			"for a child adopted by their foster carers the clock stops on the day the child first " +
			"moved in with those carers.",
		Why: "The national measure of how long children wait for adoption, crediting councils that place " +
			"children early with carers who go on to adopt them. Fewer days is better.",
		Unit: Days, Polarity: LowerIsBetter, Period: ThreeYear, Source: SourceSSDA903, Outcome: "stable-homes",
	},

	// Children in need and child protection.
	{
		ID:    "cin-rate",
		Title: "Children in need (CIN) per 10,000 children",
		Meaning: "Children in need open to children's social care on the date, including those on a child " +
			"protection plan and those looked after, for every 10,000 children aged 0 to 17 living in the " +
			"area (the ONS estimate for the middle of the year before).",
		Why: "The number of children the council is supporting under the Children Act 1989. It is " +
			"context rather than performance, so it has no rating.",
		Unit: Rate10k, Decimals: 1, Polarity: Neutral, Period: AtDate, Source: SourceCIN, Outcome: "family-help",
		LAIT: "CIN", Acronyms: []string{"CIN", "ONS"},
	},
	{
		ID:    "rereferral-12m",
		Title: "Re-referrals within 12 months",
		Meaning: "Of the referrals to children's social care in the 12 months to the date, the percentage " +
			"about a child who had been referred before within the 12 months before this referral.",
		Why: "A child referred again soon after may not have had the help they needed the first time. " +
			"Lower is better.",
		Unit: Percent, Decimals: 1, Polarity: LowerIsBetter, Period: YearTo, Source: SourceCIN, Outcome: "family-help",
		LAIT: "ReReferral",
	},
	{
		ID:    "assessment-45wd",
		Title: "Assessments completed within 45 working days",
		Meaning: "Of the assessments authorised in the 12 months to the date, the percentage completed " +
			"within 45 working days of the referral (weekends and bank holidays in England do not count).",
		Why: "Children and families should learn quickly what help they will get; 45 working days is " +
			"the statutory maximum.",
		Unit: Percent, Decimals: 1, Polarity: HigherIsBetter, Period: YearTo, Source: SourceCIN, Outcome: "family-help",
		LAIT: "Continue_Assess_Comp",
	},
	{
		ID:    "cpp-rate",
		Title: "Children on a child protection plan (CPP) per 10,000 children",
		Meaning: "Children who are the subject of a child protection plan on the date, for every 10,000 " +
			"children aged 0 to 17 living in the area (the ONS estimate for the middle of the year before).",
		Why: "The number of children judged at risk of significant harm. It is context rather than " +
			"performance, so it has no rating.",
		Unit: Rate10k, Decimals: 1, Polarity: Neutral, Period: AtDate, Source: SourceCIN, Outcome: "safety",
		LAIT: "CPP_rate", Acronyms: []string{"CPP", "ONS"},
	},
	{
		ID:    "cpp-second-plan",
		Title: "Child protection plans (CPP) that are a second or later plan",
		Meaning: "Of the child protection plans that started in the 12 months to the date, the percentage " +
			"for a child who had been on a child protection plan before, at any time.",
		Why:  "A second plan can mean the risks were not fully dealt with the first time. Lower is better.",
		Unit: Percent, Decimals: 1, Polarity: LowerIsBetter, Period: YearTo, Source: SourceCIN, Outcome: "safety",
		LAIT: "PrevRegCPR", Acronyms: []string{"CPP"},
	},
	{
		ID:    "cpp-2-years",
		Title: "Child protection plans (CPP) lasting 2 years or more",
		Meaning: "Of the child protection plans open on the date, the percentage that had been open for " +
			"two years or more.",
		Why:  "Plans should make children safe and then end; a plan that drags on suggests drift. Lower is better.",
		Unit: Percent, Decimals: 1, Polarity: LowerIsBetter, Period: AtDate, Source: SourceCIN, Outcome: "safety",
		LAIT: "CPPlans2yrsActive", Acronyms: []string{"CPP"},
	},
	{
		ID:    "cpp-reviewed-on-time",
		Title: "Child protection plans (CPP) reviewed on time",
		Meaning: "Of the child protection plans open on the date that had been open for at least three " +
			"months, the percentage where every review so far was held on time: the first within three " +
			"months of the initial conference and each one after within six months of the last.",
		Why:  "Reviews check that the plan is working and that the child is safer. Higher is better.",
		Unit: Percent, Decimals: 1, Polarity: HigherIsBetter, Period: AtDate, Source: SourceCIN, Outcome: "safety",
		LAIT: "RevCP", Acronyms: []string{"CPP"},
	},
	{
		ID:    "icpc-15wd",
		Title: "Initial child protection conferences (ICPC) within 15 working days",
		Meaning: "Of the initial child protection conferences held in the 12 months to the date, the " +
			"percentage held within 15 working days of the strategy discussion that started the section 47 " +
			"(S47) enquiry.",
		Why: "When a child may be at risk of significant harm, agencies should meet and agree a plan " +
			"quickly. Higher is better.",
		Unit: Percent, Decimals: 1, Polarity: HigherIsBetter, Period: YearTo, Source: SourceCIN, Outcome: "safety",
		LAIT: "CP_conf_15days", Acronyms: []string{"ICPC", "S47"},
	},

	// Social work workforce.
	{
		ID:    "workforce-agency-rate",
		Title: "Agency social workers",
		Meaning: "Agency children and family social workers as a percentage of all children and family " +
			"social workers (agency and employed), counted as full-time equivalents (FTE) on the census date.",
		Why: "Agency workers cost more and tend to stay for shorter times, so children see more changes " +
			"of social worker. Lower is better.",
		Unit: Percent, Decimals: 1, Polarity: LowerIsBetter, Period: AtDate, Source: SourceWorkforce, Outcome: "workforce",
		LAIT: "Work_Force_Agecy_Rate", Acronyms: []string{"FTE"},
	},
	{
		ID:    "workforce-vacancy-rate",
		Title: "Social worker vacancies",
		Meaning: "Vacant children and family social worker posts as a percentage of all posts (vacant and " +
			"filled by employed staff), counted as full-time equivalents (FTE) on the census date.",
		Why:  "Vacancies mean higher caseloads for those in post and more reliance on agency staff. Lower is better.",
		Unit: Percent, Decimals: 1, Polarity: LowerIsBetter, Period: AtDate, Source: SourceWorkforce, Outcome: "workforce",
		LAIT: "Work_Force_Vac_Rate", Acronyms: []string{"FTE"},
	},
	{
		ID:    "workforce-turnover",
		Title: "Social worker turnover",
		Meaning: "Employed children and family social workers who left in the 12 months to the census date " +
			"as a percentage of those in post on the census date, counted as full-time equivalents (FTE).",
		Why:  "High turnover loses experience and breaks children's relationships with their workers. Lower is better.",
		Unit: Percent, Decimals: 1, Polarity: LowerIsBetter, Period: YearTo, Source: SourceWorkforce, Outcome: "workforce",
		LAIT: "Work_Force_TO_Rate", Acronyms: []string{"FTE"},
	},
	{
		ID:    "workforce-caseload",
		Title: "Average caseload per social worker",
		Meaning: "The number of cases held by children and family social workers on the census date divided " +
			"by the full-time equivalent (FTE) number of social workers who hold cases.",
		Why:  "Manageable caseloads give social workers time to know each child. Lower is better, within reason.",
		Unit: Ratio, Decimals: 1, Polarity: LowerIsBetter, Period: AtDate, Source: SourceWorkforce, Outcome: "workforce",
		LAIT: "Work_Force_AvgNumCase_SW", Acronyms: []string{"FTE"},
	},

	// Figures the council enters itself.
	{
		ID:    "health-strategy-attendance",
		Title: "Health attendance at strategy meetings",
		Meaning: "Of the strategy meetings or discussions held in the 12 months to the date about children " +
			"who may be at risk of significant harm, the percentage that a health professional attended " +
			"or contributed to. Entered by the council.",
		Why: "Health colleagues often hold information that decides whether a child is safe; their " +
			"part in these early decisions is a statutory expectation. Higher is better.",
		Unit: Percent, Decimals: 1, Polarity: HigherIsBetter, Period: YearTo, Source: SourceLocal, Outcome: "safety",
	},
	{
		ID:    "care-leavers-health-passport",
		Title: "Care leavers given their health passport by 18",
		Meaning: "Of the young people who turned 18 while looked after in the 12 months to the date, the " +
			"percentage who had been given a health passport (a summary of their health history) by their " +
			"18th birthday. Entered by the council.",
		Why: "Care leavers often do not know their own health history; the passport lets them manage " +
			"their health as adults. Higher is better.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceLocal, Outcome: "stable-homes",
	},
	{
		ID:    "foster-carers-approved",
		Title: "Foster carers approved",
		Meaning: "The number of new fostering households approved by the council's fostering panel in the " +
			"12 months to the date. Entered by the council.",
		Why:  "More local foster carers mean more children can live with a family close to home. Higher is better.",
		Unit: Count, Polarity: HigherIsBetter, Period: YearTo, Source: SourceLocal, Outcome: "stable-homes",
	},
	{
		ID:    "mental-health-assessments",
		Title: "Children looked after (CLA) receiving a mental health assessment",
		Meaning: "Of the children looked after in the 12 months to the date whom the council judged to need " +
			"one, the percentage who received a mental health assessment. Entered by the council.",
		Why: "Many children in care have experienced trauma; timely assessment is the way to the right " +
			"support. Higher is better.",
		Unit: Percent, Polarity: HigherIsBetter, Period: YearTo, Source: SourceLocal, Outcome: "stable-homes",
		Acronyms: []string{"CLA"},
	},
	{
		ID:    "cla-school-attendance",
		Title: "School attendance of children looked after (CLA)",
		Meaning: "The school sessions (half days) attended by children looked after of compulsory school " +
			"age in the 12 months to the date, as a percentage of the sessions they could have attended. " +
			"Shown to one decimal place, as school attendance is published. Entered by the council.",
		Why:  "Being in school is the foundation of learning and of a normal childhood. Higher is better.",
		Unit: Percent, Decimals: 1, Polarity: HigherIsBetter, Period: YearTo, Source: SourceLocal, Outcome: "stable-homes",
		Acronyms: []string{"CLA"},
	},
}

// byID indexes catalogue by indicator id; built once and only read.
var byID = func() map[string]int {
	m := make(map[string]int, len(catalogue))
	for i, ind := range catalogue {
		if _, dup := m[ind.ID]; dup {
			panic("indicator: duplicate catalogue id " + ind.ID)
		}
		m[ind.ID] = i
	}
	return m
}()

// clone returns a copy of ind that shares no slices with the catalogue, with the default
// small-number threshold filled in where the entry sets none.
func (ind Indicator) clone() Indicator {
	if ind.SmallNumber == 0 {
		ind.SmallNumber = smallNumber
	}
	ind.Acronyms = slices.Clone(ind.Acronyms)
	ind.Categories = slices.Clone(ind.Categories)
	return ind
}

// Catalogue returns every indicator, in the order reports list them. The result is the caller's own.
func Catalogue() []Indicator {
	out := make([]Indicator, len(catalogue))
	for i, ind := range catalogue {
		out[i] = ind.clone()
	}
	return out
}

// Lookup returns the catalogue entry with id.
func Lookup(id string) (Indicator, bool) {
	i, ok := byID[id]
	if !ok {
		return Indicator{}, false
	}
	return catalogue[i].clone(), true
}
