import Aggregate
import CountyPage
import Foundation

/// The page and the history copy, the run's third and fourth outputs (issue 15), kept apart from
/// the installation of the workbook and summary.json: what they are made of lives here, and
/// `RollupJob.run` writes each to a temporary file beside its target and renames it with the others.
extension RollupJob {
    /// Default page path: the workbook's, with `.html` (`out/<county>-<year>.html` by default, as
    /// `defaultOutputs` names the others), so the page's relative links find its neighbours; the
    /// county-and-year name in the workbook's folder should that path be taken by another output.
    package static func defaultPage(county: County, year: Int, beside xlsx: URL, summary: URL) -> URL {
        let page = xlsx.deletingPathExtension().appendingPathExtension("html")
        if page.standardizedFileURL.path != xlsx.standardizedFileURL.path && page.standardizedFileURL.path != summary.standardizedFileURL.path {
            return page
        }
        return defaultOutputs(county: county, year: year, folder: xlsx.deletingLastPathComponent()).0
            .deletingPathExtension().appendingPathExtension("html")
    }

    /// Refuses (exit 2, as any refused output path) a history folder that does not exist, cannot be
    /// written, or lies inside the inputs.
    static func checkHistory(_ dir: URL, inputs: URL) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw Failure.historyFolderMissing(folder: dir.path)
        }
        guard access(dir.path, W_OK) == 0 else { throw Failure.historyFolderNotWritable(folder: dir.path) }
        if History.isInside(dir, inputs) {
            throw Failure.historyFolderInsideInputs(folder: dir.path, inputs: inputs.path)
        }
    }

    /// What the previous summary.json at `summary` said, read before this run replaces it.
    static func previousSummary(at summary: URL, county: County, year: Int) -> Result<PreviousSummary, NoComparison> {
        PreviousSummary.read(summary, county: county, year: year)
    }

    /// The page for the judged rollup (its `changes` set), with relative links to the workbook and
    /// summary.json and arrivals drawn from the history folder when there is one, written to `path`
    /// as it is made.
    static func writePage(_ rollup: Rollup, xlsx: URL, summary: URL, history: URL?, to path: String) throws {
        let snapshots = history.map { History.snapshots(in: $0, county: rollup.county, year: rollup.year) } ?? []
        let arrivals = Arrivals.of(rollup, history: snapshots)
        let file = try FileOutput.Stream(path: path)
        CountyPage.write(rollup, CountyPage.Inputs(workbook: xlsx.lastPathComponent, summary: summary.lastPathComponent,
                                                    arrivals: arrivals, generator: generator)) { file.write($0) }
        try file.finish(sync: true)
    }
}
