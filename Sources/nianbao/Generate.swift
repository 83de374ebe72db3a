import Aggregate
import ArgumentParser
import Foundation
import Publish
import RollupJob
import Synthetic

/// `nianbao generate OUTDIR --townships N`: a synthetic inputs folder at any scale, for
/// benchmarks and scale tests (see `SyntheticInputs`). The same arguments give the same bytes.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic inputs folder (county.json, roster.csv, <year>/t<NNNNN>.json) for benchmarks.",
        discussion: """
        Reports are written as counties get them: optional keys (some overview figures, sourceUrl, \
        publishedOn, narrative parts, the fee) absent at realistic rates, prose from a county's shared \
        template stating the report's own figures, some long narratives. With --complete, every report \
        has every key of the format, in one order. Either way every report holds R1–R5, across \
        consecutive years too. With --faults F, a share F of the last year's townships get one fault each, in turn: \
        published late, no file, an R1 break, an R3 break, a truncated file.
        """
    )

    @Argument(help: "The folder to create; it must not exist or be empty.")
    var outdir: String

    @Option(help: "How many townships.")
    var townships: Int

    @Option(help: "Reporting years, comma-separated.")
    var years: String = "2023,2024"

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: "Share of the last year's townships with a fault, 0 to 1.")
    var faults: Double = 0

    @Option(help: "Published shape of the reports: json, mixed (each township in one of HTML, GBK HTML, Word, copied text, PDF or JSON, in turn), html, docx, text, pdf.")
    var formats: String = "json"
    @ArgumentParser.Flag(help: "Write every key of the format in every report (the first generator's complete reports).")
    var complete = false

    func parsedYears() -> [Int]? {
        let parts = years.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let ys = parts.compactMap { Int($0) }
        guard !ys.isEmpty, ys.count == parts.count, ys.allSatisfy({ (2000...2100).contains($0) }) else { return nil }
        return ys
    }

    func validate() throws {
        if !(1...99_999).contains(townships) { throw ValidationError("--townships: expected 1 to 99999") }
        if parsedYears() == nil { throw ValidationError("--years: expected years from 2000 to 2100, comma-separated, such as 2023,2024") }
        if !(0...1).contains(faults) { throw ValidationError("--faults: expected a share from 0 to 1") }
        if PublishedFolder.Choice(rawValue: formats) == nil {
            throw ValidationError("--formats: expected one of \(PublishedFolder.Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: outdir)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: url.path), !existing.isEmpty {
            throw CommandError.folderNotEmpty(outdir)
        }
        let ys = parsedYears()!
        let start = Date()
        try SyntheticInputs.generate(to: url, townships: townships, years: ys, seed: seed, faultShare: faults,
                                     shape: complete ? .complete : .realistic)
        try PublishedFolder.publish(folder: url, choice: PublishedFolder.Choice(rawValue: formats) ?? .json)
        let seconds = Date().timeIntervalSince(start)
        Console.error(String(format: "wrote %d townships × %d years to %@ in %.2fs\n", townships, ys.count, outdir, seconds))
    }
}
