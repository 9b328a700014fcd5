<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom or RSS feed as a readable page when it is opened in a browser.
     Feed readers ignore this stylesheet; they read the feed itself. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="atom:feed/atom:title | rss/channel/title"/>
    <xsl:variable name="home" select="atom:feed/atom:link[@rel='alternate']/@href | rss/channel/link"/>
    <!-- The theme's folder, read from this stylesheet's own processing instruction. -->
    <xsl:variable name="assets" select="substring-before(substring-after(/processing-instruction('xml-stylesheet'), 'href=&quot;'), 'feed.xsl')"/>
    <html lang="{atom:feed/@xml:lang | rss/channel/language}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> — feed</title>
        <link rel="stylesheet" href="{$assets}style.css"/>
      </head>
      <body>
        <header class="site-header">
          <a class="site-title" href="{$home}"><xsl:value-of select="$title"/></a>
        </header>
        <main>
          <section class="feed-explainer">
            <h1>This is a web feed</h1>
            <p>Copy this page's address into a feed reader to <strong>subscribe</strong>: new articles
              from <xsl:value-of select="$title"/> will then come to you as they are published.
              Feed readers are apps and sites such as NetNewsWire, Feedly, Inoreader or Thunderbird.</p>
            <p><a href="{$home}">Visit the website</a></p>
          </section>
          <h2>Latest articles</h2>
          <ol class="article-list">
            <xsl:for-each select="atom:feed/atom:entry">
              <li class="summary">
                <h2><a href="{atom:link[@rel='alternate' or not(@rel)]/@href}"><xsl:value-of select="atom:title"/></a></h2>
                <p class="meta"><xsl:value-of select="substring(atom:published, 1, 10)"/></p>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
            <xsl:for-each select="rss/channel/item">
              <li class="summary">
                <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
                <p class="meta"><xsl:value-of select="pubDate"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
