/// Node positions fixed for a series of frames, in points, with the box they fill.
public struct PinnedLayout: Sendable, Hashable {
    /// A position in points, y upwards (Graphviz's convention).
    public struct Point: Sendable, Hashable {
        /// Horizontal, in points.
        public let x: Double
        /// Vertical, in points, upwards.
        public let y: Double

        package init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// Each node's centre, by node id.
    public let positions: [String: Point]
    /// The corners of the box the layout fills.
    public let lower: Point
    /// The upper right corner.
    public let upper: Point

    package init(positions: [String: Point], lower: Point, upper: Point) {
        self.positions = positions
        self.lower = lower
        self.upper = upper
    }
}
