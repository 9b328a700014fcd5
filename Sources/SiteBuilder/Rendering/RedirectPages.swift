import GazetteCore
import SiteModel

/// The small pages that send readers from an article's old addresses (`aliases`,
/// `redirect_from`) to its page: a meta refresh, a canonical link and `noindex`, so search
/// engines move their link. They are left out of feeds and the sitemap.
enum RedirectPages {
    /// One redirect page per alias of every article.
    static func pages(for articles: [Article], config: SiteConfig) -> [OutputFile] {
        articles.flatMap { article in
            article.aliases.map { alias in
                OutputFile(
                    path: SitePaths.outputFile(for: alias), kind: .redirect,
                    text: page(
                        to: config.paths.absoluteURL(article.path), title: article.title, language: config.language),
                    source: article.sourcePath)
            }
        }
    }

    /// A page that redirects to `target`.
    static func page(to target: String, title: String, language: String) -> String {
        let url = XMLText.escape(target)
        return """
            <!DOCTYPE html>
            <html lang="\(XMLText.escape(language))">
            <head>
            <meta charset="utf-8">
            <title>\(XMLText.escape(title))</title>
            <link rel="canonical" href="\(url)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(url)">
            </head>
            <body>
            <p>This page has moved to <a href="\(url)">\(XMLText.escape(title))</a>.</p>
            </body>
            </html>

            """
    }
}
