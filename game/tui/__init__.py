"""The Textual TUI: screens, widgets and styles. Presentation only; it imports the engine."""
