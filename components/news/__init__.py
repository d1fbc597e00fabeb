"""What the news says: the articles in seeds/, their excerpts, dates in text and candidate ties."""
