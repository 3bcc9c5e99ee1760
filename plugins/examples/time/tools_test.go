package main

import (
	"encoding/json"
	"testing"
)

func TestTools(t *testing.T) {
	for _, tool := range tools() {
		var schema struct {
			Type     string   `json:"type"`
			Required []string `json:"required"`
		}
		if err := json.Unmarshal(tool.InputSchema, &schema); err != nil || schema.Type != "object" {
			t.Errorf("tool %s: input schema %s is not an object schema: %v", tool.Name, tool.InputSchema, err)
		}
		if tool.Name == "" || tool.Description == "" {
			t.Errorf("tool %+v needs a name and a description", tool)
		}
	}
}
