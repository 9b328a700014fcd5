/// A moment in time together with the UTC offset it was written with.
///
/// Feeds must repeat the offset an author wrote (`2024-03-01T09:30:00+05:30`), so the offset
/// is kept rather than normalized away, and nothing here depends on the machine's time zone
/// or locale.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64
    /// Fractional seconds exactly as written (`"250"` for `.250`), or empty.
    public let fraction: String
    /// The offset from UTC, in seconds, that local times are shown in.
    public let utcOffsetSeconds: Int

    /// Creates a timestamp.
    /// - Parameters:
    ///   - secondsSinceEpoch: Seconds since 1970-01-01T00:00:00Z.
    ///   - fraction: Fractional-second digits as written, or empty.
    ///   - utcOffsetSeconds: The offset to show local times in.
    public init(secondsSinceEpoch: Int64, fraction: String = "", utcOffsetSeconds: Int = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.fraction = fraction
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Creates a timestamp from local calendar fields and an offset.
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        fraction: String = "", utcOffsetSeconds: Int = 0
    ) {
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(
            secondsSinceEpoch: local - Int64(utcOffsetSeconds), fraction: fraction, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// The local calendar fields in this timestamp's own offset.
    public var local: CivilDate {
        CivilDate(localSeconds: secondsSinceEpoch + Int64(utcOffsetSeconds))
    }

    /// RFC 3339 form with the original offset: `2024-03-01T09:30:00+05:30`, `…Z` for UTC.
    public var rfc3339: String {
        let date = local
        let fractionPart = fraction.isEmpty ? "" : ".\(fraction)"
        return
            "\(date.isoDate)T\(pad(date.hour)):\(pad(date.minute)):\(pad(date.second))\(fractionPart)\(offsetText(separator: ":", utcAsZ: true))"
    }

    /// RFC 822 form (as RFC 1123 requires, with a four-digit year) with the original offset:
    /// `Fri, 01 Mar 2024 09:30:00 +0530`.
    public var rfc822: String {
        let date = local
        let weekday = CivilDate.weekdayNames[date.weekday]
        let month = CivilDate.monthNames[date.month - 1]
        return
            "\(weekday), \(pad(date.day)) \(month) \(date.year) \(pad(date.hour)):\(pad(date.minute)):\(pad(date.second)) \(offsetText(separator: "", utcAsZ: false))"
    }

    /// The local calendar date, `YYYY-MM-DD`.
    public var isoDate: String { local.isoDate }

    public var description: String { rfc3339 }

    /// Orders by instant first. Timestamps of one instant written in different offsets (or
    /// with different fraction digits) then order by offset and by how the fraction is written,
    /// so `<` is a strict total order that agrees with `==`. Sorts that mean "by time" and break
    /// ties some other way compare with `isSameInstant(as:)` first.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        if lhs.secondsSinceEpoch != rhs.secondsSinceEpoch { return lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
        if lhs.fractionValue != rhs.fractionValue { return lhs.fractionValue < rhs.fractionValue }
        if lhs.utcOffsetSeconds != rhs.utcOffsetSeconds { return lhs.utcOffsetSeconds < rhs.utcOffsetSeconds }
        return lhs.fraction < rhs.fraction
    }

    /// A moment in time, whatever offset it was written in: what sorts by time compare, taken
    /// out once when many comparisons are made.
    public struct Instant: Comparable, Sendable {
        let seconds: Int64
        let fraction: Double

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.seconds != rhs.seconds ? lhs.seconds < rhs.seconds : lhs.fraction < rhs.fraction
        }
    }

    /// The moment this timestamp names.
    public var instant: Instant {
        Instant(seconds: secondsSinceEpoch, fraction: fractionValue)
    }

    /// Whether both name the same instant, whatever offsets they are written in.
    public func isSameInstant(as other: Timestamp) -> Bool {
        secondsSinceEpoch == other.secondsSinceEpoch && fractionValue == other.fractionValue
    }

    /// Whether this instant comes after `other`'s, whatever offsets they are written in.
    public func isLater(than other: Timestamp) -> Bool {
        secondsSinceEpoch != other.secondsSinceEpoch
            ? secondsSinceEpoch > other.secondsSinceEpoch : fractionValue > other.fractionValue
    }

    /// The fraction of a second as a number.
    private var fractionValue: Double {
        fraction.isEmpty ? 0 : Double("0." + fraction) ?? 0
    }

    private func offsetText(separator: String, utcAsZ: Bool) -> String {
        if utcOffsetSeconds == 0 && utcAsZ { return "Z" }
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let minutes = abs(utcOffsetSeconds) / 60
        return "\(sign)\(pad(minutes / 60))\(separator)\(pad(minutes % 60))"
    }
}

/// Zero-pads to two digits.
package func pad(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
}

/// Calendar fields of a local time, computed without Foundation's calendars.
public struct CivilDate: Sendable, Hashable {
    /// The year, e.g. 2024.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int
    /// The hour, 0–23.
    public let hour: Int
    /// The minute, 0–59.
    public let minute: Int
    /// The second, 0–59.
    public let second: Int
    /// The day of the week, 0 = Sunday.
    public let weekday: Int

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `YYYY-MM-DD`.
    public var isoDate: String {
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-\(pad(month))-\(pad(day))"
    }

    init(localSeconds: Int64) {
        let (days, secondOfDay) = localSeconds.quotientAndRemainderFlooring(dividingBy: 86_400)
        (year, month, day) = Self.civil(fromDaysSinceEpoch: days)
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay % 3600 / 60)
        second = Int(secondOfDay % 60)
        weekday = Int((days + 4).quotientAndRemainderFlooring(dividingBy: 7).remainder)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDaysSinceEpoch days: Int64) -> (Int, Int, Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Whether the fields name a real calendar day.
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

extension Int64 {
    /// Division that rounds toward negative infinity, so dates before 1970 work.
    func quotientAndRemainderFlooring(dividingBy divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}
