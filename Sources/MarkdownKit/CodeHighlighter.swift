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
        var scanner = Scanner(code: code, grammar: grammar)
        return scanner.run()
    }

    /// Walks the code once, emitting spans. It steps through characters, as a reader sees
    /// them, but answers the common questions (is it a letter, a digit?) and copies tokens
    /// from the code's UTF-8 bytes: code is mostly ASCII, and asking Unicode of each
    /// `Character` and building tokens a character at a time took most of the time.
    private struct Scanner {
        let text: [Character]
        /// The code's UTF-8 bytes.
        let bytes: [UInt8]
        /// Where each character starts in `bytes`, and where the last one ends.
        let starts: [Int]
        let grammar: Grammar
        var index = 0
        var output = ""
        var inTag = false
        /// Where the characters waiting to be written as they are begin, if any wait: runs of
        /// punctuation and spaces are copied at once.
        var plainStart: Int?

        init(code: String, grammar: Grammar) {
            var text: [Character] = []
            var starts: [Int] = []
            var offset = 0
            for character in code {
                text.append(character)
                starts.append(offset)
                offset += character.utf8.count
            }
            starts.append(offset)
            self.text = text
            self.starts = starts
            bytes = Array(code.utf8)
            self.grammar = grammar
        }

        mutating func run() -> String {
            while index < text.count {
                let start = index
                if let comment = matchComment() {
                    writePlain(upTo: start)
                    emit("comment", comment)
                    continue
                }
                let character = text[index]
                if grammar.markup, let markup = matchMarkup() {
                    writePlain(upTo: start)
                    output += markup
                    continue
                }
                if grammar.quotes.contains(character) && (!grammar.markup || inTag) {
                    let string = takeString(closing: character)
                    writePlain(upTo: start)
                    emit(grammar.keysBeforeColon && nextNonSpace() == ":" ? "key" : "string", string)
                    continue
                }
                if grammar.dollarVariables, character == "$", index + 1 < text.count,
                    isLetter(index + 1) || text[index + 1] == "{" || text[index + 1] == "_"
                {
                    index += 1
                    while index < text.count, isLetter(index) || isNumber(index) || "_{}".contains(text[index]) {
                        index += 1
                    }
                    writePlain(upTo: start)
                    emit("variable", source(start..<index))
                    continue
                }
                if isNumber(index), index == 0 || !isWordCharacter(index - 1) {
                    while index < text.count,
                        isNumber(index) || isLetter(index) || text[index] == "." || text[index] == "_"
                    {
                        index += 1
                    }
                    writePlain(upTo: start)
                    emit("number", source(start..<index))
                    continue
                }
                if isWordStart(index) {
                    index += 1
                    while index < text.count, isWordCharacter(index) { index += 1 }
                    let word = source(start..<index)
                    writePlain(upTo: start)
                    emit(classify(word), word)
                    continue
                }
                // Most characters here are punctuation and spaces with nothing to escape.
                let needsEscaping =
                    ascii(index).map(Self.needsEscaping)
                    ?? character.unicodeScalars.contains {
                        $0.isASCII && Self.needsEscaping(UInt8($0.value))
                    }
                if needsEscaping {
                    writePlain(upTo: start)
                    output += XMLText.escape(String(character))
                } else if plainStart == nil {
                    plainStart = start
                }
                index += 1
            }
            writePlain(upTo: index)
            return output
        }

        /// Writes the characters waiting since `plainStart`, which end at `end`.
        private mutating func writePlain(upTo end: Int) {
            guard let start = plainStart else { return }
            output += source(start..<end)
            plainStart = nil
        }

        /// The characters at `range` as text, copied from the code's bytes.
        private func source(_ range: Range<Int>) -> String {
            String(decoding: bytes[starts[range.lowerBound]..<starts[range.upperBound]], as: UTF8.self)
        }

        /// The character at `position` when it is one ASCII byte.
        private func ascii(_ position: Int) -> UInt8? {
            starts[position + 1] - starts[position] == 1 ? bytes[starts[position]] : nil
        }

        /// `Character.isLetter` of the character at `position`.
        private func isLetter(_ position: Int) -> Bool {
            guard let byte = ascii(position) else { return text[position].isLetter }
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
        }

        /// `Character.isNumber` of the character at `position`.
        private func isNumber(_ position: Int) -> Bool {
            guard let byte = ascii(position) else { return text[position].isNumber }
            return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }

        /// The bytes `XMLText.escape` replaces.
        private static func needsEscaping(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
        }

        private func classify(_ word: String) -> String? {
            if grammar.markup { return inTag ? "attr" : nil }
            if grammar.keywords.contains(word) { return "keyword" }
            if grammar.literals.contains(word) { return "literal" }
            if grammar.keysBeforeColon, nextNonSpace() == ":", !word.hasPrefix("@") { return "key" }
            if grammar.capitalizedAreTypes, word.first?.isUppercase == true { return "type" }
            return nil
        }

        private func isWordStart(_ position: Int) -> Bool {
            let character = text[position]
            return isLetter(position) || character == "_"
                || ((character == "#" || character == "@" || character == "!")
                    && grammar.keywords.contains { $0.first == character })
        }

        private func isWordCharacter(_ position: Int) -> Bool {
            isLetter(position) || isNumber(position) || text[position] == "_"
                || (grammar.keysBeforeColon && text[position] == "-")
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
                return source(start..<index)
            }
            for marker in grammar.lineComments where hasPrefix(marker) {
                // `#` starts a shell or YAML comment only at a word boundary.
                if marker == "#", index > 0, !text[index - 1].isWhitespace { continue }
                let start = index
                while index < text.count, text[index] != "\n" { index += 1 }
                return source(start..<index)
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
            return source(start..<index)
        }

        /// `<tag` opens a tag (coloured), `>` or `/>` closes it.
        private mutating func matchMarkup() -> String? {
            if !inTag, text[index] == "<", index + 1 < text.count,
                isLetter(index + 1) || text[index + 1] == "/" || text[index + 1] == "!" || text[index + 1] == "?"
            {
                let start = index
                index += 1
                while index < text.count, !text[index].isWhitespace, text[index] != ">" { index += 1 }
                inTag = true
                return span("tag", source(start..<index))
            }
            if inTag, text[index] == ">" || (text[index] == "/" && index + 1 < text.count && text[index + 1] == ">") {
                let start = index
                index += text[index] == "/" ? 2 : 1
                inTag = false
                return span("tag", source(start..<index))
            }
            return nil
        }

        private mutating func emit(_ kind: String?, _ token: String) {
            output += kind.map { span($0, token) } ?? XMLText.escape(token)
        }

        private func span(_ kind: String, _ token: String) -> String {
            "<span class=\"hl-\(kind)\">\(XMLText.escape(token))</span>"
        }
    }
}
