"""Why it moved: the change between two dates and its causes."""
