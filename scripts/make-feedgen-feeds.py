#!/usr/bin/env python3
"""Writes the feeds in Tests/SyndicationTests/Corpus/feedgen-*.xml with Python's feedgen, the
generator behind many Python blogs and podcasts, so the validator is checked against another
tool's real output. Run once after `pip install feedgen==1.0.0`; the files are committed, and the
tests never run this script. Dates are fixed so the output is the same on every run."""

import datetime
import pathlib
import sys

from feedgen.feed import FeedGenerator

corpus = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/SyndicationTests/Corpus")
fixed = datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.timezone.utc)


def blog():
    generator = FeedGenerator()
    generator.id("https://blog.example.org/")
    generator.title("A Python blog")
    generator.subtitle("Notes on things")
    generator.author({"name": "Ann Example", "email": "ann@example.org"})
    generator.link(href="https://blog.example.org/", rel="alternate")
    generator.link(href="https://blog.example.org/feed.xml", rel="self")
    generator.language("en")
    generator.updated(fixed)
    generator.lastBuildDate(fixed)
    for number in (1, 2):
        entry = generator.add_entry(order="append")
        entry.id(f"https://blog.example.org/posts/{number}/")
        entry.guid(f"https://blog.example.org/posts/{number}/", permalink=True)
        entry.title(f"Post {number}: fish & chips <3")
        entry.link(href=f"https://blog.example.org/posts/{number}/")
        entry.description(f"<p>Summary of post {number} with <b>markup</b>.</p>")
        entry.content(f"<p>Body of post {number}.</p>", type="html")
        entry.published(fixed)
        entry.updated(fixed)
        entry.author({"name": "Ann Example", "email": "ann@example.org"})
    return generator


def podcast():
    generator = FeedGenerator()
    generator.title("A podcast")
    generator.link(href="https://pod.example.org/", rel="alternate")
    generator.description("Episodes")
    generator.language("en-us")
    generator.ttl(60)
    generator.lastBuildDate(fixed)
    entry = generator.add_entry()
    entry.id("https://pod.example.org/episodes/1.mp3")
    entry.title("Episode 1")
    entry.description("The first episode")
    entry.enclosure("https://pod.example.org/episodes/1.mp3", "123456", "audio/mpeg")
    entry.published(fixed)
    return generator


blog().atom_file(str(corpus / "feedgen-valid-blog-atom.xml"), pretty=True)
blog().rss_file(str(corpus / "feedgen-valid-blog-rss.xml"), pretty=True)
podcast().rss_file(str(corpus / "feedgen-warn-podcast-rss.xml"), pretty=True)
