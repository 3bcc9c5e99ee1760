// Command time is a plugin that tells the current time, parses times and
// applies offsets. Its tool and arguments match the time plugin shipped
// with SweetMCP and hyper-mcp: one tool "time" whose "name" argument picks
// get_time_utc, parse_time or time_offset.
package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/sweetmcp/sweet/plugins/pdk"
)

func main() {}

func tools() []pdk.Tool {
	return []pdk.Tool{{
		Name: "time",
		Description: "Time operations. name=get_time_utc returns the current UTC time; " +
			"name=parse_time parses time_rfc2822 (RFC 2822) or RFC 3339 text into a Unix timestamp; " +
			"name=time_offset adds offset seconds to timestamp (default now).",
		InputSchema: json.RawMessage(`{"type":"object","properties":{` +
			`"name":{"type":"string","enum":["get_time_utc","parse_time","time_offset"],"description":"the operation"},` +
			`"time_rfc2822":{"type":"string","description":"the time to parse (RFC 2822, or RFC 3339)"},` +
			`"timestamp":{"type":"integer","description":"Unix seconds for time_offset; default now"},` +
			`"offset":{"type":"integer","description":"seconds to add for time_offset (negative to subtract)"}},` +
			`"required":["name"]}`),
	}}
}

type args struct {
	Name       string `json:"name"`
	RFC2822    string `json:"time_rfc2822"`
	TimeString string `json:"time_string"`
	Timestamp  *int64 `json:"timestamp"`
	Offset     int64  `json:"offset"`
}

// report is the JSON every operation answers with.
type report struct {
	UTCTime        int64  `json:"utc_time"`
	UTCTimeRFC2822 string `json:"utc_time_rfc2822"`
	UTCTimeRFC3339 string `json:"utc_time_rfc3339"`
}

func newReport(t time.Time) report {
	t = t.UTC()
	return report{UTCTime: t.Unix(), UTCTimeRFC2822: t.Format(time.RFC1123Z), UTCTimeRFC3339: t.Format(time.RFC3339)}
}

// layouts are tried in order by parse_time.
var layouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700",
	time.RFC822Z, time.RFC822, time.RFC3339Nano, time.RFC3339,
}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse %q: give RFC 2822 (Mon, 02 Jan 2006 15:04:05 -0700) or RFC 3339 (2006-01-02T15:04:05Z)", s)
}

func run(a args, now time.Time) (report, error) {
	switch a.Name {
	case "get_time_utc":
		return newReport(now), nil
	case "parse_time":
		s := a.RFC2822
		if s == "" {
			s = a.TimeString
		}
		if s == "" {
			return report{}, fmt.Errorf("parse_time needs time_rfc2822")
		}
		t, err := parseTime(s)
		if err != nil {
			return report{}, err
		}
		return newReport(t), nil
	case "time_offset":
		base := now
		if a.Timestamp != nil {
			base = time.Unix(*a.Timestamp, 0)
		}
		return newReport(base.Add(time.Duration(a.Offset) * time.Second)), nil
	}
	return report{}, fmt.Errorf("unknown operation %q: use get_time_utc, parse_time or time_offset", a.Name)
}

func handle(name string, raw json.RawMessage) pdk.Result {
	if name != "time" {
		return pdk.Errorf("unknown tool %q", name)
	}
	var a args
	if err := pdk.Args(raw, &a); err != nil {
		return pdk.Errorf("%v", err)
	}
	r, err := run(a, time.Now())
	if err != nil {
		return pdk.Errorf("%v", err)
	}
	out, _ := json.Marshal(r)
	return pdk.Text(string(out))
}
