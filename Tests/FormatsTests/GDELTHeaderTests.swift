import DiplographCore
import DiplographFormats
import Foundation
import Testing
import TestSupport

/// GDELT as people hold it: the real 15-minute file of `../shared/data/gdelt` written
/// by Python's csv module with a header of GDELT's column names, in the shapes of a
/// BigQuery export, of R's `write.csv` and of pandas' `to_csv`, loads as the same
/// events as the tab-separated original, detected without a format.
@Suite("GDELT with a header: BigQuery, R and pandas shapes, as the original")
struct GDELTHeaderTests {
    static let original = TestPaths.shared.appendingPathComponent("data/gdelt/20191024143000.export.CSV").path
    static let columns = TestPaths.shared.appendingPathComponent("data/gdelt/gdelt2-event-columns.csv").path

    static let writer = """
        import csv, random, sys
        original, columns, folder = sys.argv[1:4]
        names = [r["name"] for r in csv.DictReader(open(columns))]
        rows = [l.rstrip("\\n").split("\\t") for l in open(original, encoding="utf-8")]
        # BigQuery's CSV export: commas, a header, empty fields, quotes only where needed.
        with open(folder + "/bigquery.csv", "w", newline="") as f:
            w = csv.writer(f); w.writerow(names); w.writerows(rows)
        # R's write.csv: every field quoted, NA for missing, a first column of row names.
        with open(folder + "/r.csv", "w", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_ALL); w.writerow([""] + names)
            for i, r in enumerate(rows): w.writerow([str(i + 1)] + [v if v != "" else "NA" for v in r])
        # pandas' to_csv(sep="\\t"): an index column, the columns reordered, integer
        # columns with gaps written as floats.
        order = list(range(len(names))); random.Random(3).shuffle(order)
        with open(folder + "/pandas.tsv", "w", newline="") as f:
            w = csv.writer(f, delimiter="\\t"); w.writerow([""] + [names[i] for i in order])
            for i, r in enumerate(rows):
                w.writerow([str(i)] + [r[j] + ".0" if names[j].endswith("_Type") and r[j].isdigit() else r[j] for j in order])
        """

    @Test("Each shape is detected as GDELT and gives the original's events, sources and report",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func shapes() throws {
        let folder = TestPaths.temporaryFolder()
        let written = try ExternalTool.run(["python3", "-", Self.original, Self.columns, folder.path], input: Self.writer)
        try #require(written.status == 0, "\(written.standardError)")
        let expected = try DatasetReader.load(path: Self.original)
        let expectedStore = InMemoryStore(expected.dataset)
        for name in ["bigquery.csv", "r.csv", "pandas.tsv"] {
            let path = folder.appendingPathComponent(name).path
            #expect(DatasetReader.detect(path: path) == .gdelt, "\(name)")
            let loaded = try DatasetReader.load(path: path)
            #expect(loaded.report?.format == "GDELT 2.0 events", "\(name)")
            #expect(loaded.report?.rowsRead == expected.report?.rowsRead, "\(name)")
            let store = InMemoryStore(loaded.dataset)
            #expect(Array(store.timeline(TimelineQuery())) == Array(expectedStore.timeline(TimelineQuery())), "\(name)")
            // Given as GDELT on purpose, it is read the same, not refused as CSV events.
            #expect(try DatasetReader.load(path: path, options: LoadOptions(format: .gdelt)).report?.rowsRead == 2111)
        }
    }

    @Test("A bad row of a file with a header is reported on its own line of that file")
    func lineNumbers() throws {
        let folder = TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("subset.csv").path
        let header = "GLOBALEVENTID,SQLDATE,EventCode,Actor1Code,Actor1Name,Actor1CountryCode,SOURCEURL,DATEADDED\n"
        let good = "1,20231024,040,ARM,ARMENIA,ARM,https://news.example/1,20231024\n"
        let quoted = "2,20231024,040,AZE,\"AZERBAIJAN,\nTHE REPUBLIC\",AZE,https://news.example/2,20231024\n"
        let bad = "3,20231399,040,ARM,ARMENIA,ARM,https://news.example/3,20231024\n"
        try Data((header + good + quoted + bad).utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try DatasetReader.load(path: path)
        #expect(loaded.report?.format == "GDELT 1.0 daily events")
        #expect(loaded.report?.problems.map(\.description).contains { $0.contains("subset.csv:5:") && $0.contains("SQLDATE") } == true,
                "\(loaded.report?.problems.map(\.description) ?? [])")
        #expect(loaded.dataset.events.map(\.id).sorted() == ["gdelt-1", "gdelt-2"])
    }
}
