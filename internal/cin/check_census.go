package cin

// PLACEHOLDER: the census checks are being written; their owner replaces this file.

func censusChecks() []Check { return nil }
