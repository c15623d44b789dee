package calendar

import "time"

// Bank holidays in England and Wales. Most follow fixed rules (with substitute days when the holiday
// falls at a weekend); a few years had one-off changes, listed in specials and moved.
var (
	// specials are extra one-off bank holidays.
	specials = map[Date]bool{
		Of(1999, 12, 31): true, // millennium
		Of(2002, 6, 3):   true, // golden jubilee (spring holiday moved to 4 June)
		Of(2011, 4, 29):  true, // royal wedding
		Of(2012, 6, 5):   true, // diamond jubilee (spring holiday moved to 4 June)
		Of(2022, 6, 3):   true, // platinum jubilee (spring holiday moved to 2 June)
		Of(2022, 9, 19):  true, // state funeral of Queen Elizabeth II
		Of(2023, 5, 8):   true, // coronation of King Charles III
	}
	// moved maps a year to the date its spring or early-May holiday was moved to, replacing the rule.
	movedSpring = map[int]Date{2002: Of(2002, 6, 4), 2012: Of(2012, 6, 4), 2022: Of(2022, 6, 2)}
	movedEarly  = map[int]Date{1995: Of(1995, 5, 8), 2020: Of(2020, 5, 8)}
)

// easter returns Easter Sunday of year y (anonymous Gregorian algorithm).
func easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Of(y, time.Month(month), day)
}

// firstMonday returns the first Monday of month m in year y; lastMonday the last.
func firstMonday(y int, m time.Month) Date {
	d := Of(y, m, 1)
	for d.Weekday() != time.Monday {
		d++
	}
	return d
}

func lastMonday(y int, m time.Month) Date {
	d := Of(y, m, DaysIn(y, m))
	for d.Weekday() != time.Monday {
		d--
	}
	return d
}

// BankHolidays returns the England and Wales bank holidays of year y in date order.
func BankHolidays(y int) []Date {
	var out []Date
	// New Year's Day, or the next Monday when at a weekend.
	ny := Of(y, 1, 1)
	for ny.Weekday() == time.Saturday || ny.Weekday() == time.Sunday {
		ny++
	}
	out = append(out, ny)
	e := easter(y)
	out = append(out, e-2, e+1)
	if d, ok := movedEarly[y]; ok {
		out = append(out, d)
	} else {
		out = append(out, firstMonday(y, time.May))
	}
	if d, ok := movedSpring[y]; ok {
		out = append(out, d)
	} else {
		out = append(out, lastMonday(y, time.May))
	}
	out = append(out, lastMonday(y, time.August))
	// Christmas and Boxing Day with substitutes.
	xmas, boxing := Of(y, 12, 25), Of(y, 12, 26)
	switch xmas.Weekday() {
	case time.Friday: // Boxing Day on Saturday moves to Monday
		out = append(out, xmas, xmas+3)
	case time.Saturday:
		out = append(out, xmas+2, xmas+3)
	case time.Sunday:
		out = append(out, xmas+1, xmas+2) // Boxing Day Monday, Christmas substitute Tuesday
	default:
		out = append(out, xmas, boxing)
	}
	for d := range specials {
		if d.Year() == y {
			out = append(out, d)
		}
	}
	sortDates(out)
	return out
}

func sortDates(ds []Date) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j] < ds[j-1]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// Workdays is a working-day calendar: weekdays that are not bank holidays in England and Wales.
// It holds the holidays of a span of years as a bitmap and grows the span when asked about a date
// outside it; it is not safe for concurrent use, so build one per goroutine.
type Workdays struct {
	from, to int    // years covered
	lo       Date   // 1 January of from
	holiday  []bool // holiday[d-lo]
}

// NewWorkdays returns a calendar covering the years from..to (more are added on demand).
func NewWorkdays(from, to int) *Workdays {
	w := &Workdays{}
	w.Cover(from, to)
	return w
}

// Cover makes sure the years from..to are covered.
func (w *Workdays) Cover(from, to int) {
	if w.holiday != nil {
		if from >= w.from && to <= w.to {
			return
		}
		from, to = min(from, w.from), max(to, w.to)
	}
	w.from, w.to = from, to
	w.lo = Of(from, 1, 1)
	w.holiday = make([]bool, Of(to+1, 1, 1)-w.lo)
	for y := from; y <= to; y++ {
		for _, d := range BankHolidays(y) {
			w.holiday[d-w.lo] = true
		}
	}
}

// IsWorkday reports whether d is a weekday and not a bank holiday.
func (w *Workdays) IsWorkday(d Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if d < w.lo || int(d-w.lo) >= len(w.holiday) {
		w.Cover(d.Year(), d.Year())
	}
	return !w.holiday[d-w.lo]
}

// Between returns the number of working days after from up to and including to (0 when to is not
// after from): a referral on a Monday and an assessment on the Tuesday are 1 working day apart.
func (w *Workdays) Between(from, to Date) int {
	n := 0
	for d := from + 1; d <= to; d++ {
		if w.IsWorkday(d) {
			n++
		}
	}
	return n
}

// Add returns the date n working days after from.
func (w *Workdays) Add(from Date, n int) Date {
	d := from
	for n > 0 {
		d++
		if w.IsWorkday(d) {
			n--
		}
	}
	return d
}
