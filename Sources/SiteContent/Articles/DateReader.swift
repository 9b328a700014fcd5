import Foundation
package import GazetteCore

/// Reads dates as Hugo, Zola and Jekyll users write them, and places dates written without
/// an offset in the site's time zone.
///
/// Accepted: `2024-03-01`, `2024/03/01`, `2024-3-1`, a time after `T` or a space (`09:30`,
/// `09:30:15`, `09:30:15.25`), an offset (`Z`, `UTC`, `GMT`, `+05:30`, `+0530`, `+05`), the
/// year repeated before the offset as Ruby prints times (`2023-01-29 18:30:22 2023 -0800`),
/// month names (`15 Oct 2023`, `Oct 15, 2023`, `October 15 2023`) and a leading weekday
/// (`Sun, 29 Jan 2023`).
package struct DateReader: Sendable {
    /// The zone for dates without an offset; `nil` for UTC.
    let timeZone: TimeZone?

    /// A reader for a site whose `timezone` setting names `identifier` (IANA), or UTC.
    /// - Returns: `nil` when the identifier names no zone.
    package init?(timezone identifier: String?) {
        guard let identifier else {
            timeZone = nil
            return
        }
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        timeZone = zone
    }

    /// The moment `text` names; `nil` when it is not a date.
    package func parse(_ text: String) -> Timestamp? {
        var tokens = Self.tokens(of: text)
        guard let date = Self.takeDate(&tokens) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = ""
        if let first = tokens.first, let time = Self.time(first) {
            (hour, minute, second, fraction) = time
            tokens.removeFirst()
        }
        if tokens.first == String(date.year) { tokens.removeFirst() }
        var offset: Int?
        if let first = tokens.first, let parsed = Self.offset(first) {
            offset = parsed
            tokens.removeFirst()
        }
        guard tokens.isEmpty, CivilDate.isValidDate(year: date.year, month: date.month, day: date.day) else {
            return nil
        }
        let local = Timestamp(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second,
            fraction: fraction)
        let seconds = offset ?? zoneOffset(atLocal: local.secondsSinceEpoch)
        return Timestamp(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second,
            fraction: fraction, utcOffsetSeconds: seconds)
    }

    /// The zone's offset at a local time (seconds since the epoch, read as if local were UTC).
    private func zoneOffset(atLocal local: Int64) -> Int {
        guard let timeZone else { return 0 }
        var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - Int64(offset))))
        return offset
    }

    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Words of the text: split at spaces and commas, and a `T` between date and time.
    private static func tokens(of text: String) -> [String] {
        var words = text.trimmingWhitespace().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            .map(String.init)
        if let first = words.first, first.count > 10,
            let separator = first.firstIndex(where: { $0 == "T" || $0 == "t" }),
            first.distance(from: first.startIndex, to: separator) >= 8
        {
            words.replaceSubrange(
                0...0, with: [String(first[..<separator]), String(first[first.index(after: separator)...])])
        }
        if let first = words.first, weekdays.contains(where: { first.lowercased().hasPrefix($0) }), first.count <= 10,
            first.allSatisfy(\.isLetter)
        {
            words.removeFirst()
        }
        // An offset glued to the time: `09:30:00+01:00`, `09:30Z`.
        if words.count >= 2, let time = words.dropFirst().first,
            let split = time.dropFirst(4).firstIndex(where: { "+-Zz".contains($0) })
        {
            let index = 1
            words.replaceSubrange(index...index, with: [String(time[..<split]), String(time[split...])])
        }
        return words
    }

    private static func takeDate(_ tokens: inout [String]) -> (year: Int, month: Int, day: Int)? {
        guard let first = tokens.first else { return nil }
        let parts = first.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        if parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        {
            tokens.removeFirst()
            return (year, month, day)
        }
        // `15 Oct 2023`
        if tokens.count >= 3, let day = Int(tokens[0]), let month = month(tokens[1]), let year = Int(tokens[2]) {
            tokens.removeFirst(3)
            return (year, month, day)
        }
        // `Oct 15 2023`, `October 15, 2023`
        if tokens.count >= 3, let month = month(tokens[0]), let day = Int(tokens[1].trimmingCharacters(in: "stndrh")),
            let year = Int(tokens[2])
        {
            tokens.removeFirst(3)
            return (year, month, day)
        }
        return nil
    }

    private static func month(_ word: String) -> Int? {
        let lower = word.lowercased().trimmingCharacters(in: ".")
        guard lower.count >= 3, lower.allSatisfy(\.isLetter) else { return nil }
        return months.firstIndex { lower.hasPrefix($0) }.map { $0 + 1 }
    }

    private static func time(_ word: String) -> (Int, Int, Int, String)? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]),
            parts[0].count <= 2, parts[1].count == 2, hour < 24, minute < 60
        else { return nil }
        var second = 0
        var fraction = ""
        if parts.count == 3 {
            let secondParts = parts[2].split(whereSeparator: { $0 == "." || $0 == "," })
            guard let whole = secondParts.first, whole.count == 2, let value = Int(whole), value < 60 else {
                return nil
            }
            second = value
            if secondParts.count == 2 {
                guard secondParts[1].allSatisfy(\.isNumber) else { return nil }
                fraction = String(secondParts[1])
            }
        }
        return (hour, minute, second, fraction)
    }

    private static func offset(_ word: String) -> Int? {
        if ["z", "utc", "gmt"].contains(word.lowercased()) { return 0 }
        guard let sign = word.first, sign == "+" || sign == "-" else { return nil }
        let digits = word.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isNumber), digits.count == 2 || digits.count == 4 else { return nil }
        let hours = Int(digits.prefix(2))!
        let minutes = digits.count == 4 ? Int(digits.suffix(2))! : 0
        guard hours < 24, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
