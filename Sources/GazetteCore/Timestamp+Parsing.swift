extension Timestamp {
    /// Parses the date forms people write in front matter:
    /// `2024-03-01`, `2024-03-01 09:30`, `2024-03-01T09:30:00`, `2024-03-01T09:30:00.25+05:30`,
    /// `2024-03-01 09:30:00 -0800`, `…Z`.
    ///
    /// A time without an offset is taken in `defaultOffsetSeconds`; a date without a time is
    /// midnight there.
    /// - Returns: `nil` when the text is not one of these forms or names no real date or time.
    public static func parse(_ text: String, defaultOffsetSeconds: Int = 0) -> Timestamp? {
        var scanner = DateScanner(text.trimmingWhitespace())
        guard let (year, month, day) = scanner.date() else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = ""
        var offset = defaultOffsetSeconds
        if scanner.atEnd { return Timestamp(year: year, month: month, day: day, utcOffsetSeconds: offset) }
        guard scanner.take("T") || scanner.take("t") || scanner.take(" ") else { return nil }
        guard let parsedHour = scanner.number(digits: 2), scanner.take(":"),
            let parsedMinute = scanner.number(digits: 2)
        else { return nil }
        hour = parsedHour
        minute = parsedMinute
        if scanner.take(":") {
            guard let parsedSecond = scanner.number(digits: 2) else { return nil }
            second = parsedSecond
            if scanner.take(".") || scanner.take(",") {
                fraction = scanner.digits()
                guard !fraction.isEmpty else { return nil }
            }
        }
        _ = scanner.take(" ")
        if !scanner.atEnd {
            guard let parsedOffset = scanner.offset(requireColon: false) else { return nil }
            offset = parsedOffset
        }
        guard scanner.atEnd, hour < 24, minute < 60, second < 60 else { return nil }
        return Timestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            fraction: fraction, utcOffsetSeconds: offset)
    }

    /// Parses exactly RFC 3339's `date-time` as Atom requires it (RFC 4287 §3.3): an upper-case
    /// `T`, seconds, and an offset that is `Z` or `±HH:MM`.
    /// - Returns: `nil` for anything else.
    public static func parseRFC3339(_ text: String) -> Timestamp? {
        var scanner = DateScanner(text)
        guard let (year, month, day) = scanner.date(), scanner.take("T"),
            let hour = scanner.number(digits: 2), scanner.take(":"),
            let minute = scanner.number(digits: 2), scanner.take(":"),
            let second = scanner.number(digits: 2)
        else { return nil }
        var fraction = ""
        if scanner.take(".") {
            fraction = scanner.digits()
            guard !fraction.isEmpty else { return nil }
        }
        guard let offset = scanner.offset(requireColon: true), scanner.atEnd,
            hour < 24, minute < 60, second < 60
        else { return nil }
        return Timestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            fraction: fraction, utcOffsetSeconds: offset)
    }
}

/// Reads date and time fields from ASCII text, one piece at a time.
private struct DateScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var atEnd: Bool { index == characters.count }

    mutating func take(_ character: Character) -> Bool {
        guard index < characters.count, characters[index] == character else { return false }
        index += 1
        return true
    }

    mutating func number(digits count: Int) -> Int? {
        guard index + count <= characters.count else { return nil }
        let slice = characters[index..<index + count]
        guard slice.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(String(slice)) else { return nil }
        index += count
        return value
    }

    mutating func digits() -> String {
        var result = ""
        while index < characters.count, characters[index].isASCII, characters[index].isNumber {
            result.append(characters[index])
            index += 1
        }
        return result
    }

    mutating func date() -> (Int, Int, Int)? {
        guard let year = number(digits: 4), take("-"), let month = number(digits: 2), take("-"),
            let day = number(digits: 2), CivilDate.isValidDate(year: year, month: month, day: day)
        else { return nil }
        return (year, month, day)
    }

    /// `Z`, `±HH:MM`, or (when `requireColon` is false) `z`, `±HHMM` and `UTC`/`GMT`.
    mutating func offset(requireColon: Bool) -> Int? {
        if take("Z") { return 0 }
        if !requireColon, take("z") { return 0 }
        if !requireColon, ["UTC", "GMT"].contains(String(characters[index...])) {
            index = characters.count
            return 0
        }
        let sign: Int
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let hours = number(digits: 2) else { return nil }
        let colon = take(":")
        guard colon || !requireColon, let minutes = number(digits: 2), hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
