package indicator

// PLACEHOLDER: being written (workforce measures). Replaced wholesale by its owner.

func workforceFuncs() map[string]computeFunc { return nil }
