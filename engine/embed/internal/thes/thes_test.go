package thes

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	in := "# comment\n\n= restart, reboot,  power   cycle\n~ outage, postmortem\n"
	got, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Set{
		{Kind: Synonym, Terms: []string{"restart", "reboot", "power cycle"}, Line: 3},
		{Kind: Related, Terms: []string{"outage", "postmortem"}, Line: 4},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no marker", "restart, reboot", "line 1 starts with"},
		{"empty term", "= restart,, reboot", "empty term"},
		{"upper case", "= Restart, reboot", "not lower case"},
		{"punctuation only", "= restart, --", "no letters or digits"},
		{"duplicate", "= restart, reboot, restart", "twice"},
		{"one term", "\n~ outage", "line 2 has 1 term"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v, want one containing %q", tt.in, err, tt.want)
			}
		})
	}
}
