"""What a view shows and says: its partnerships and sentence (shown), hints and file names (notes), the rows it cannot show (missing), the view as a picture (snapshot)."""
