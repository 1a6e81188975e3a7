package stix

import (
	"fmt"
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2016-05-12T08:17:27Z", time.Date(2016, 5, 12, 8, 17, 27, 0, time.UTC), true},
		{"2016-05-12T08:17:27.000Z", time.Date(2016, 5, 12, 8, 17, 27, 0, time.UTC), true},
		{"2016-05-12T08:17:27.123456789Z", time.Date(2016, 5, 12, 8, 17, 27, 123456789, time.UTC), true},
		{"2016-05-12T08:17:27.1234567891234Z", time.Date(2016, 5, 12, 8, 17, 27, 123456789, time.UTC), true},
		{"2016-12-31T23:59:60Z", time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2016-05-12T08:17:27+00:00", time.Time{}, false},
		{"2016-05-12T08:17:27z", time.Time{}, false},
		{"2016-05-12t08:17:27Z", time.Time{}, false},
		{"2016-05-12 08:17:27Z", time.Time{}, false},
		{"2016-13-12T08:17:27Z", time.Time{}, false},
		{"2016-02-30T08:17:27Z", time.Time{}, false},
		{"2016-05-12T24:00:00Z", time.Time{}, false},
		{"2016-05-12T08:17:60Z", time.Time{}, false},
		{"2016-05-12T08:17:27.Z", time.Time{}, false},
		{"2016-05-12T08:17:27", time.Time{}, false},
		{"2016-05-12", time.Time{}, false},
		{"", time.Time{}, false},
		{"２016-05-12T08:17:27Z", time.Time{}, false},
	}
	for _, c := range cases {
		ts, err := ParseTimestamp(c.in)
		if (err == nil) != c.ok {
			t.Errorf("ParseTimestamp(%q) error %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if c.ok && !ts.Time.Equal(c.want) {
			t.Errorf("ParseTimestamp(%q) got %v, want %v", c.in, ts.Time, c.want)
		}
		if c.ok && ts.Text != c.in {
			t.Errorf("ParseTimestamp(%q) kept text %q, want it as written", c.in, ts.Text)
		}
	}
}

func TestTimestampKeyOrder(t *testing.T) {
	// Each is strictly later than the one before.
	in := []string{
		"2016-05-12T08:17:27Z",
		"2016-05-12T08:17:27.0000001Z",
		"2016-05-12T08:17:27.001Z",
		"2016-05-12T08:17:27.1Z",
		"2016-05-12T08:17:27.999999999999Z",
		"2016-05-12T08:17:28Z",
		"2016-12-31T23:59:59.5Z",
		"2016-12-31T23:59:60Z",
		"2017-01-01T00:00:00.000Z",
	}
	for i := 1; i < len(in); i++ {
		a, _ := ParseTimestamp(in[i-1])
		b, _ := ParseTimestamp(in[i])
		if a.Compare(b) >= 0 {
			t.Errorf("%s (key %s) should sort before %s (key %s)", in[i-1], a.Key(), in[i], b.Key())
		}
	}
	a, _ := ParseTimestamp("2016-05-12T08:17:27Z")
	b, _ := ParseTimestamp("2016-05-12T08:17:27.000Z")
	if a.Compare(b) != 0 {
		t.Errorf("the same instant at two precisions compares %d, want 0", a.Compare(b))
	}
}

// TestDateTime checks dateTime against time.Parse on every month and day
// number from 0 to 32 of years around leap years and centuries, and on
// times of day in and out of range.
func TestDateTime(t *testing.T) {
	for _, year := range []int{1600, 1899, 1900, 1996, 1999, 2000, 2023, 2024, 2100, 9999} {
		for month := 0; month <= 13; month++ {
			for day := 0; day <= 32; day++ {
				for _, hms := range []string{"00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60"} {
					s := fmt.Sprintf("%04d-%02d-%02dT%s", year, month, day, hms)
					want, err := time.Parse("2006-01-02T15:04:05", s)
					got, why := dateTime(s)
					if (err == nil) != (why == "") || err == nil && !got.Equal(want) {
						t.Fatalf("%s: dateTime %v %q, time.Parse %v %v", s, got, why, want, err)
					}
				}
			}
		}
	}
}
