"""Reading and checking the input files (partnerships, milestones) and writing the dataset's CSV."""
