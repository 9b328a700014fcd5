import GazetteCore

/// Colours fenced code at build time: splits code into tokens with a small table per language
/// and wraps them in `<span class="hl-…">`. Languages it does not know come back plain.
public enum CodeHighlighter {
    /// What a language's tokens look like.
    struct Grammar {
        var keywords: Set<String> = []
        var literals: Set<String> = ["true", "false"]
        var lineComments: [String] = []
        var blockComment: (open: String, close: String)?
        var quotes: Set<Character> = ["\"", "'"]
        /// Capitalized words are types (Swift, Rust, Go, TypeScript).
        var capitalizedAreTypes = false
        /// `$name` is a variable (shell).
        var dollarVariables = false
        /// A word followed by `:` is a key (JSON, YAML, CSS properties).
        var keysBeforeColon = false
        /// Markup: `<tag attribute="…">`.
        var markup = false
    }

    private static let cFamily: Set<String> = [
        "if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue", "return", "struct",
        "enum", "union", "typedef", "static", "const", "void", "int", "char", "float", "double", "long", "short",
        "unsigned", "signed", "sizeof", "goto", "extern", "volatile", "inline", "auto", "register",
    ]

    static let grammars: [String: Grammar] = {
        var table: [String: Grammar] = [:]
        table["swift"] = Grammar(
            keywords: [
                "let", "var", "func", "struct", "class", "enum", "protocol", "extension", "import", "return", "if",
                "else", "guard", "for", "in", "while", "repeat", "switch", "case", "default", "break", "continue",
                "throw", "throws", "try", "catch", "do", "async", "await", "public", "private", "internal",
                "fileprivate", "open", "static", "final", "init", "deinit", "self", "Self", "some", "any", "where",
                "associatedtype", "typealias", "inout", "mutating", "override", "defer", "is", "as", "actor",
                "nonisolated", "package", "lazy", "weak", "unowned", "subscript", "operator", "consuming", "borrowing",
            ], literals: ["true", "false", "nil"], lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\""],
            capitalizedAreTypes: true)
        table["python"] = Grammar(
            keywords: [
                "def", "class", "return", "if", "elif", "else", "for", "while", "in", "not", "and", "or", "is",
                "import", "from", "as", "with", "try", "except", "finally", "raise", "lambda", "yield", "pass", "break",
                "continue", "global", "nonlocal", "async", "await", "assert", "del", "match", "case",
            ], literals: ["True", "False", "None"], lineComments: ["#"])
        let javascript = Grammar(
            keywords: [
                "const", "let", "var", "function", "return", "if", "else", "for", "while", "do", "switch", "case",
                "default", "break", "continue", "new", "delete", "typeof", "instanceof", "in", "of", "class", "extends",
                "super", "this", "import", "export", "from", "as", "async", "await", "yield", "try", "catch", "finally",
                "throw", "interface", "type", "enum", "implements", "public", "private", "protected", "readonly",
                "static", "declare", "namespace", "keyof", "void",
            ], literals: ["true", "false", "null", "undefined", "NaN"], lineComments: ["//"],
            blockComment: ("/*", "*/"), quotes: ["\"", "'", "`"], capitalizedAreTypes: true)
        for name in ["javascript", "js", "typescript", "ts", "jsx", "tsx"] { table[name] = javascript }
        table["go"] = Grammar(
            keywords: [
                "package", "import", "func", "var", "const", "type", "struct", "interface", "map", "chan", "return",
                "if", "else", "for", "range", "switch", "case", "default", "break", "continue", "go", "defer", "select",
                "fallthrough", "goto",
            ], literals: ["true", "false", "nil", "iota"], lineComments: ["//"], blockComment: ("/*", "*/"),
            quotes: ["\"", "'", "`"], capitalizedAreTypes: true)
        table["rust"] = Grammar(
            keywords: [
                "fn", "let", "mut", "const", "static", "struct", "enum", "trait", "impl", "for", "in", "while", "loop",
                "if", "else", "match", "return", "break", "continue", "use", "mod", "pub", "crate", "super", "self",
                "Self", "as", "where", "type", "unsafe", "async", "await", "move", "ref", "dyn", "extern",
            ], literals: ["true", "false", "None", "Some", "Ok", "Err"], lineComments: ["//"],
            blockComment: ("/*", "*/"), quotes: ["\""], capitalizedAreTypes: true)
        let c = Grammar(
            keywords: cFamily.union([
                "class", "namespace", "template", "typename", "public", "private", "protected", "virtual", "override",
                "new", "delete", "this", "using", "constexpr", "noexcept", "nullptr", "auto", "bool", "try", "catch",
                "throw", "#include", "#define", "#if", "#ifdef", "#ifndef", "#endif", "#else", "#pragma",
            ]), literals: ["true", "false", "NULL", "nullptr"], lineComments: ["//"], blockComment: ("/*", "*/"))
        for name in ["c", "h", "cpp", "c++", "cc", "hpp", "cxx", "objc"] { table[name] = c }
        let shell = Grammar(
            keywords: [
                "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until", "case", "esac",
                "function", "return", "local", "export", "set", "unset", "echo", "exit", "source", "cd", "readonly",
                "shift",
            ], literals: ["true", "false"], lineComments: ["#"], dollarVariables: true)
        for name in ["sh", "bash", "shell", "zsh", "console"] { table[name] = shell }
        table["json"] = Grammar(literals: ["true", "false", "null"], quotes: ["\""], keysBeforeColon: true)
        let yaml = Grammar(
            literals: ["true", "false", "null", "yes", "no", "~"], lineComments: ["#"], keysBeforeColon: true)
        for name in ["yaml", "yml"] { table[name] = yaml }
        let markup = Grammar(literals: [], blockComment: ("<!--", "-->"), markup: true)
        for name in ["html", "xml", "svg", "xhtml"] { table[name] = markup }
        table["css"] = Grammar(
            keywords: ["@media", "@import", "@font-face", "@keyframes", "@supports", "!important"], literals: [],
            blockComment: ("/*", "*/"), keysBeforeColon: true)
        return table
    }()

    /// Whether `language` (a fence's info string, such as `swift` or `TypeScript`) is known.
    public static func knows(_ language: String) -> Bool {
        grammars[language.lowercased()] != nil
    }

    /// The code as HTML: escaped text with `<span class="hl-…">` around tokens; plain escaped
    /// text for languages it does not know.
    public static func highlight(_ code: String, language: String) -> String {
        guard let grammar = grammars[language.lowercased()] else { return XMLText.escape(code) }
        var scanner = Scanner(text: Array(code), grammar: grammar)
        return scanner.run()
    }

    /// Walks the code once, emitting spans.
    private struct Scanner {
        let text: [Character]
        let grammar: Grammar
        var index = 0
        var output = ""
        var inTag = false

        init(text: [Character], grammar: Grammar) {
            self.text = text
            self.grammar = grammar
        }

        mutating func run() -> String {
            while index < text.count {
                if let comment = matchComment() {
                    emit("comment", comment)
                    continue
                }
                let character = text[index]
                if grammar.markup, let markup = matchMarkup() {
                    output += markup
                    continue
                }
                if grammar.quotes.contains(character) && (!grammar.markup || inTag) {
                    let string = takeString(closing: character)
                    emit(grammar.keysBeforeColon && nextNonSpace() == ":" ? "key" : "string", string)
                    continue
                }
                if grammar.dollarVariables, character == "$", index + 1 < text.count,
                    text[index + 1].isLetter || text[index + 1] == "{" || text[index + 1] == "_"
                {
                    let start = index
                    index += 1
                    while index < text.count,
                        text[index].isLetter || text[index].isNumber || "_{}".contains(text[index])
                    { index += 1 }
                    emit("variable", String(text[start..<index]))
                    continue
                }
                if character.isNumber, index == 0 || !isWordCharacter(text[index - 1]) {
                    let start = index
                    while index < text.count,
                        text[index].isNumber || text[index].isLetter || text[index] == "." || text[index] == "_"
                    { index += 1 }
                    emit("number", String(text[start..<index]))
                    continue
                }
                if isWordStart(character) {
                    let start = index
                    index += 1
                    while index < text.count, isWordCharacter(text[index]) { index += 1 }
                    let word = String(text[start..<index])
                    emit(classify(word), word)
                    continue
                }
                // Most characters here are punctuation and spaces with nothing to escape.
                if character.unicodeScalars.contains(where: Self.needsEscaping) {
                    output += XMLText.escape(String(character))
                } else {
                    output.append(character)
                }
                index += 1
            }
            return output
        }

        /// The characters `XMLText.escape` replaces.
        private static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "&" || scalar == "<" || scalar == ">" || scalar == "\"" || scalar == "\r"
        }

        private func classify(_ word: String) -> String? {
            if grammar.markup { return inTag ? "attr" : nil }
            if grammar.keywords.contains(word) { return "keyword" }
            if grammar.literals.contains(word) { return "literal" }
            if grammar.keysBeforeColon, nextNonSpace() == ":", !word.hasPrefix("@") { return "key" }
            if grammar.capitalizedAreTypes, word.first?.isUppercase == true { return "type" }
            return nil
        }

        private func isWordStart(_ character: Character) -> Bool {
            character.isLetter || character == "_"
                || ((character == "#" || character == "@" || character == "!")
                    && grammar.keywords.contains { $0.first == character })
        }

        private func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_"
                || (grammar.keysBeforeColon && character == "-")
        }

        private func nextNonSpace() -> Character? {
            var probe = index
            while probe < text.count, text[probe] == " " || text[probe] == "\t" { probe += 1 }
            return probe < text.count ? text[probe] : nil
        }

        /// Whether the text at `index` starts with `prefix`. Asked at nearly every character, so
        /// it compares in place rather than making arrays.
        private func hasPrefix(_ prefix: String) -> Bool {
            var probe = index
            for character in prefix {
                guard probe < text.count, text[probe] == character else { return false }
                probe += 1
            }
            return true
        }

        private mutating func matchComment() -> String? {
            if let block = grammar.blockComment, hasPrefix(block.open) {
                let start = index
                index += block.open.count
                while index < text.count, !hasPrefix(block.close) { index += 1 }
                index = min(text.count, index + block.close.count)
                return String(text[start..<index])
            }
            for marker in grammar.lineComments where hasPrefix(marker) {
                // `#` starts a shell or YAML comment only at a word boundary.
                if marker == "#", index > 0, !text[index - 1].isWhitespace { continue }
                let start = index
                while index < text.count, text[index] != "\n" { index += 1 }
                return String(text[start..<index])
            }
            return nil
        }

        private mutating func takeString(closing: Character) -> String {
            let start = index
            index += 1
            while index < text.count, text[index] != closing {
                if text[index] == "\\" { index += 1 }
                if text[index...].first == "\n" && closing != "`" { break }
                index += 1
            }
            index = min(text.count, index + 1)
            return String(text[start..<index])
        }

        /// `<tag` opens a tag (coloured), `>` or `/>` closes it.
        private mutating func matchMarkup() -> String? {
            if !inTag, text[index] == "<", index + 1 < text.count,
                text[index + 1].isLetter || text[index + 1] == "/" || text[index + 1] == "!" || text[index + 1] == "?"
            {
                let start = index
                index += 1
                while index < text.count, !text[index].isWhitespace, text[index] != ">" { index += 1 }
                inTag = true
                return span("tag", String(text[start..<index]))
            }
            if inTag, text[index] == ">" || (text[index] == "/" && index + 1 < text.count && text[index + 1] == ">") {
                let start = index
                index += text[index] == "/" ? 2 : 1
                inTag = false
                return span("tag", String(text[start..<index]))
            }
            return nil
        }

        private mutating func emit(_ kind: String?, _ token: String) {
            output += kind.map { span($0, token) } ?? XMLText.escape(String(token))
        }

        private func span(_ kind: String, _ token: String) -> String {
            "<span class=\"hl-\(kind)\">\(XMLText.escape(String(token)))</span>"
        }
    }
}
