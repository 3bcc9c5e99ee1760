// Package tui is sweet's interactive terminal UI (`sweet tui`), built on
// bubbletea v2, lipgloss v2 and bubbles v2.
//
// # Structure
//
// One root [Model] owns the layout (a tab bar, one or two slots side by
// side with a movable split, a status bar), which slot has focus, and the
// routing of messages. Panes are plain structs behind the [Pane] interface:
// SetSize, Focus/Blur, Update returning a tea.Cmd, and View. A pane never
// calls the engine from Update; it returns a command that does, and the
// result comes back as a message. Keys live in keys.go ([KeyMap],
// [DefaultKeyMap], which also feeds the help overlay), styles in styles.go
// ([Styles]), and the messages that cross panes in messages.go.
//
// The panes, in tab order ([DefaultPanes]; a new pane is one more entry):
//
//   - Memories: a lazily paged list with a filter (type:, tag:, ns: and
//     words) and a sort order, a detail view with links, add and edit
//     inline or in $EDITOR, and delete with confirmation.
//   - Search: hybrid search as you type (debounced) with the selected
//     result's score breakdown.
//   - Graph: the neighbourhood of the selected memory, laid out by a
//     force-directed simulation and drawn as an image with labelled nodes
//     and typed edges; nodes are selectable.
//   - Terminal: $SHELL in a PTY (package term), with scrollback and the
//     sixel images the child prints.
//   - Stats: charts of memories over time, by type and by namespace.
//   - Reasoning: the stored reasoning sessions and the selected one's best
//     path and thought tree (scores, the best path highlighted), kept
//     fresh while the pane has focus.
//   - Plugins: the installed plugins, their permissions (configuration by
//     key only) and tools, and a form that calls a tool with JSON
//     arguments; an image result is drawn like the graph.
//
// # Images
//
// Images go through package sixel: as sixel when the terminal supports it
// ([Options.Caps], from sixel.Detect), else as half-block text. A sixel
// image is written with tea.Raw over blank cells its pane reserves, once
// the frame that reserved them has reached the terminal; it is written
// again after any frame that repaints one of its cells, after a resize, and
// after the full repaint that erases an image which had to go or move. See
// images.go.
//
// # Live updates and errors
//
// The root subscribes to the engine's change feed ([Engine].Watch), so
// changes made by other sweet processes show within a second. Engine
// errors, a lost database and the terminal child exiting are reported in
// the status bar; the app keeps running. Quitting always restores the
// terminal: bubbletea leaves the alternate screen and raw mode even after a
// panic.
package tui
