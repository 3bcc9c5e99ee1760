package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	ts := int64(1700000000)
	tests := []struct {
		name string
		in   args
		want int64
	}{
		{"now", args{Name: "get_time_utc"}, now.Unix()},
		{"rfc2822", args{Name: "parse_time", RFC2822: "Tue, 14 Nov 2023 22:13:20 +0000"}, ts},
		{"rfc2822 with zone", args{Name: "parse_time", RFC2822: "Wed, 15 Nov 2023 00:13:20 +0200"}, ts},
		{"rfc3339", args{Name: "parse_time", TimeString: "2023-11-14T22:13:20Z"}, ts},
		{"offset", args{Name: "time_offset", Timestamp: &ts, Offset: 3600}, ts + 3600},
		{"offset from now", args{Name: "time_offset", Offset: -60}, now.Unix() - 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := run(tt.in, now)
			if err != nil || r.UTCTime != tt.want {
				t.Fatalf("run(%+v) = %+v, %v; want utc_time %d", tt.in, r, err, tt.want)
			}
			if _, err := time.Parse(time.RFC1123Z, r.UTCTimeRFC2822); err != nil {
				t.Errorf("utc_time_rfc2822 %q does not parse back: %v", r.UTCTimeRFC2822, err)
			}
		})
	}
	for _, bad := range []args{{Name: "parse_time"}, {Name: "parse_time", RFC2822: "yesterday"}, {Name: "tomorrow"}} {
		if _, err := run(bad, now); err == nil {
			t.Errorf("run(%+v) succeeded, want an error", bad)
		}
	}
}

func TestHandle(t *testing.T) {
	res := handle("time", json.RawMessage(`{"name":"time_offset","timestamp":0,"offset":86400}`))
	if res.IsError || !strings.Contains(res.Content[0].Text, `"utc_time":86400`) {
		t.Errorf("handle: %+v", res)
	}
}
