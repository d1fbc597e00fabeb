"""The news reader: who agreed with whom, at what stage and when, in Indonesian, English and
Chinese reports (article.read_article is the entry point; evaluate measures it on a corpus)."""
