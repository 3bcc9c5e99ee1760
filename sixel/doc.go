// Package sixel draws images in terminals: a sixel encoder with real palette
// quantisation, terminal capability detection, a Unicode half-block fallback
// for terminals without sixel, and a placement helper that positions an image
// inside a pane and clears it again.
package sixel
