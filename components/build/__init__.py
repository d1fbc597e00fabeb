"""Scripts that regenerate shipped data files from registry packages; never imported by the product."""
