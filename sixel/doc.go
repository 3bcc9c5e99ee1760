// Package sixel draws images in terminal panes: a sixel encoder with real
// palette quantisation, terminal capability detection, a Unicode half-block
// fallback for terminals without sixel, and a placement helper that positions
// an image inside a pane and clears it again.
//
// # Encoding
//
// [Encode] and [Encoder] turn an image.Image into a complete sixel sequence
// (ESC P … q … ESC \). Images with at most [Options].Colors distinct colours
// (charts, diagrams) keep them exactly; others get a median-cut palette of up
// to 256 colours, optionally dithered. Raster attributes give the exact size,
// so heights that are not a multiple of six are drawn at their true height.
// Reuse one Encoder per goroutine to avoid allocations.
//
// # Detection
//
// [Detect] sends [Queries] and reads the replies before the TUI starts;
// [Parse] builds the same result from reply bytes the caller read itself. Sixel is used when DA1 lists attribute 4
// and TMUX is not set; everything else gets half-blocks ([HalfBlocks]).
// The cell size comes from TIOCGWINSZ, then CSI 16 t, then CSI 14 t ÷
// CSI 18 t; re-read it on every resize with [ReadWinsize] and
// [Capabilities.Resized].
//
// # Placement contract
//
// [Place] fits an image into a pane rectangle (in cells, 0-based from the
// screen's top-left corner), keeping its aspect ratio, and returns a
// [Placement] whose Area is the top-left part of the pane the image covers.
// With bubbletea v2's cell renderer:
//
//   - Put [Placement.View] in the pane's view at the Area's position: the
//     half-block text, or spaces that reserve the cells of a sixel image.
//   - Sixel placements: after the frame that drew those spaces has been
//     flushed (next tick or a short debounce, never the same Update), send
//     [Placement.Draw] with tea.Raw. Draw saves the cursor, moves to Area,
//     writes the sixel and restores the cursor, so it can be sent at any time.
//   - Send Draw again after every window resize, after any frame that
//     changed a cell inside Area, and after the pane scrolled or moved: the
//     renderer repaints only changed cells and can paint over the image.
//   - Before the layout changes (a pane moves, shrinks or closes), send
//     [Placement.Clear] for the old placement, then re-place. Clear blanks
//     the area with erase-characters, which also removes the sixel pixels, so
//     an image never smears over a neighbouring pane.
//   - Half-block placements need nothing more: View is ordinary styled
//     text. Draw also works for them, as a raw write.
//   - Keep Area above the screen's last row: a terminal that moves the
//     cursor below a sixel image scrolls the screen when the image touches
//     the bottom row.
//   - Place with the current [Capabilities]: after a resize the cell size may
//     have changed, and an image sized with a stale one is the wrong size.
package sixel
