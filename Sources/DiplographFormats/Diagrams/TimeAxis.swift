import DiplographCore

/// A coordinate as the diagrams write it: to a tenth of a pixel, which keeps files
/// small and output stable.
func svgNumber(_ value: Double) -> String {
    String((value * 10).rounded() / 10)
}

/// A horizontal time axis: days to x coordinates between `left` and `right`, and tick
/// marks whose labels stay apart. Shared by the timeline and trend diagrams.
struct TimeAxis {
    /// The closed interval of days drawn.
    let range: DayInterval
    /// Where the first day starts.
    let left: Double
    /// Where the last day ends.
    let right: Double

    /// Tick marks for the axis: months when the span is up to about three years
    /// (every 1, 2, 3 or 6 months, so labels stay apart), years beyond.
    var ticks: [(day: Day, label: String)] {
        let first = range.first.components
        let days = range.first.distance(to: range.last ?? range.first) + 1
        let plotWidth = right - left
        var result: [(Day, String)] = []
        if days <= 3 * 366 {
            let months = max(1, days / 30)
            let fit = max(1, Int((Double(months) * 70 / plotWidth).rounded(.up)))
            let step = [1, 2, 3, 6, 12].first { $0 >= fit } ?? 12
            var (year, month) = (first.year, first.month)
            if first.day != 1 { (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1) }
            while true {
                let day = Day(year: year, month: month, day: 1)
                guard range.contains(day) else { break }
                if (month - 1) % step == 0 {
                    result.append((day, month == 1 ? "\(year)" : "\(Self.monthNames[month - 1]) \(year)"))
                }
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
            }
        } else {
            let years = days / 365
            let step = [1, 2, 5, 10, 20, 50, 100].first { Double(years / $0) * 60 <= plotWidth } ?? 100
            var year = first.month == 1 && first.day == 1 ? first.year : first.year + 1
            year += (step - year % step) % step
            while year <= 9999 {
                let day = Day(year: year, month: 1, day: 1)
                guard range.contains(day) else { break }
                result.append((day, "\(year)"))
                year += step
            }
        }
        return result
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The x coordinate of the start of `day` (its end is `x(day + 1)`), clamped to
    /// the axis.
    func x(_ day: Day) -> Double {
        let total = Double(range.first.distance(to: range.last ?? range.first) + 1)
        let offset = Double(range.first.distance(to: day))
        let clamped = min(max(offset, 0), total)
        return left + clamped / total * (right - left)
    }
}
