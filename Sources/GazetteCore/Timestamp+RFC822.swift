extension Timestamp {
    private static let zones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    ]

    /// Parses an RFC 822 date as RSS 2.0 uses it: `Fri, 01 Mar 2024 09:30:00 +0530`. The
    /// weekday is optional but, when given, must match. A two-digit year, which RFC 822 allows,
    /// is read as RFC 2822 §4.3 says: 00–49 in the 2000s, 50–99 in the 1900s.
    /// - Returns: `nil` for anything else.
    public static func parseRFC822(_ text: String) -> Timestamp? {
        var words = text.trimmingWhitespace().split(separator: " ").map(String.init)
        var weekday: String?
        if let first = words.first, first.hasSuffix(",") {
            weekday = String(first.dropLast())
            words.removeFirst()
        }
        guard words.count == 5,
            let day = Int(words[0]), (1...2).contains(words[0].count),
            let month = CivilDate.monthNames.firstIndex(of: words[1]).map({ $0 + 1 }),
            words[2].count == 4 || words[2].count == 2, let written = Int(words[2])
        else { return nil }
        let year = words[2].count == 4 ? written : written + (written < 50 ? 2000 : 1900)
        guard CivilDate.isValidDate(year: year, month: month, day: day) else { return nil }
        let time = words[3].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(time.count), time.allSatisfy({ $0.count == 2 }),
            let hour = Int(time[0]), let minute = Int(time[1]), hour < 24, minute < 60
        else { return nil }
        let second = time.count == 3 ? Int(time[2]) : 0
        guard let second, second < 60 else { return nil }
        let offset: Int
        let zone = words[4]
        if let hours = zones[zone] {
            offset = hours * 3600
        } else if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
            let hours = Int(zone.dropFirst().prefix(2)), let minutes = Int(zone.suffix(2)), hours < 24, minutes < 60
        {
            offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        let timestamp = Timestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, utcOffsetSeconds: offset)
        if let weekday, CivilDate.weekdayNames[timestamp.local.weekday] != weekday { return nil }
        return timestamp
    }

    /// Whether `text`, an RFC 822 date, writes its year with two digits.
    public static func hasTwoDigitYear(rfc822 text: String) -> Bool {
        let words = text.trimmingWhitespace().split(separator: " ")
        let dateWords = words.first?.hasSuffix(",") == true ? words.dropFirst() : words[...]
        return dateWords.dropFirst(2).first?.count == 2
    }
}
