import Foundation

/// The script pages get while being served (never in built files): it listens for rebuilds
/// and reloads the page, or shows the build error over it.
enum LiveReload {
    /// Where pages listen for events.
    static let eventsPath = "/__gazette/events"

    /// The script for the page of the file at `page` (`posts/a/index.html`), placed before
    /// `</body>`. A `reload` event reloads every page but those its data lists (a JSON array
    /// of files): pages shown already as the build made them. A `reload-only` event reloads
    /// only the pages its data lists.
    static func script(page: String) -> String {
        """
        <script>
        (() => {
          const page = \(scriptString(page));
          const events = new EventSource("\(eventsPath)");
          events.addEventListener("reload", (event) => { if (!JSON.parse(event.data).includes(page)) location.reload(); });
          events.addEventListener("reload-only", (event) => { if (JSON.parse(event.data).includes(page)) location.reload(); });
          const show = (text, background, color) => {
            let overlay = document.getElementById("gazette-error");
            if (!overlay) {
              overlay = document.createElement("pre");
              overlay.id = "gazette-error";
              document.body.appendChild(overlay);
            }
            overlay.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;margin:0;padding:1rem;" +
              "background:" + background + ";color:" + color + ";font:13px/1.5 ui-monospace,monospace;border-radius:8px;z-index:2147483647;white-space:pre-wrap";
            overlay.textContent = text;
          };
          events.addEventListener("failure", (event) => {
            show("The site did not build; the last good version is shown.\\n\\n" + JSON.parse(event.data), "#2b0b0b", "#ffd7d7");
          });
          events.addEventListener("problems", (event) => {
            show("This version is shown, but build-site would stop at these until they are fixed:\\n\\n" + JSON.parse(event.data), "#2b2205", "#ffeab0");
          });
        })();
        </script>
        """
    }

    /// `html`, the page of the file at `page`, with the script before its closing `</body>`
    /// (or at the end).
    static func inject(into html: String, page: String) -> String {
        let script = script(page: page)
        guard let range = html.ranges(of: "</body>").last else { return html + script }
        return html.replacingCharacters(in: range, with: script + "\n</body>")
    }

    /// The event that reloads every open page but those of `unchanged` files.
    static func reloadEvent(keeping unchanged: [String]) -> String {
        event("reload", data: jsonArray(unchanged))
    }

    /// The event that reloads the open pages of `files` alone.
    static func reloadEvent(only files: [String]) -> String {
        event("reload-only", data: jsonArray(files))
    }

    /// The event that shows a build error over open pages; its data is the message as a JSON string.
    static func failureEvent(_ message: String) -> String {
        event("failure", data: jsonString(message))
    }

    /// The event that shows, over the newest version, the content problems that would stop
    /// `build-site`.
    static func problemsEvent(_ message: String) -> String {
        event("problems", data: jsonString(message))
    }

    /// `text` as a JSON string literal.
    private static func jsonString(_ text: String) -> String {
        String(jsonArray([text]).dropFirst().dropLast())
    }

    /// `texts` as a JSON array of strings.
    private static func jsonArray(_ texts: [String]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: texts, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` as a JavaScript string literal that cannot end the script it is in.
    private static func scriptString(_ text: String) -> String {
        jsonString(text).replacing("<", with: "\\u003c")
    }

    /// A server-sent event.
    static func event(_ name: String, data: String) -> String {
        "event: \(name)\n"
            + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined() + "\n"
    }
}
