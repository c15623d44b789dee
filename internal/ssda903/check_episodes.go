package ssda903

// PLACEHOLDER: this family of checks is being written; its owner replaces this file.

func episodeChecks() []Check { return nil }
