import Foundation

/// One file a run writes: the option that names it, the path as given, and where the new file
/// is renamed to (the path itself, or the regular file a symbolic link there points to).
package struct Output: Sendable, Equatable {
    /// The command-line option that names it ("xlsx", "summary", …), for messages.
    package var role: String
    package var requested: String
    package var target: String
    package var folder: String { (target as NSString).deletingLastPathComponent }
    package var name: String { (target as NSString).lastPathComponent }
}

/// The outputs of one run, checked before anything is read and installed together: every new
/// file is written to a private scratch folder beside its target, every target is checked
/// again, yesterday's files are hard-linked aside, and only then are the new ones renamed in;
/// a failed rename puts yesterday's files back. Nothing outside these names is ever changed.
package final class OutputSet {
    package let outputs: [Output]
    /// Per output folder, the scratch folder this run made (`.nianbao-tmp-XXXXXX`, mode 0700).
    private var scratch: [String: String] = [:]

    /// Called before each output's rename with its index: a seam for tests of the rollback.
    package var beforeRename: (Int) -> Void = { _ in }

    package init(_ outputs: [Output]) { self.outputs = outputs }

    /// Scratch folders (and, from runs before them, `.nianbao-tmp`) are named by this prefix.
    static let scratchPrefix = ".nianbao-tmp"
    static let lockName = ".nianbao.lock"

    // MARK: - Checking

    /// Resolves and checks each `(role, path)`: a usage error (exit 2) naming the path and why
    /// for an output that is inside the inputs folder, is an input file, is not a regular file
    /// (a directory, pipe, socket or device such as /dev/null), is a symbolic link to anything
    /// but a regular file outside the inputs, or is the same file as another output. A folder
    /// that does not exist is a failure (exit 1), as before.
    package static func check(_ requested: [(role: String, path: String)], inputs: URL) throws -> [Output] {
        let realInputs = realPath(inputs.path)
        let inputFiles = ["county.json", "roster.csv"].compactMap { realPath(inputs.appendingPathComponent($0).path) }
        var outputs: [Output] = []
        for (role, path) in requested {
            func refuse(_ why: String) -> RollupJob.Failure {
                RollupJob.Failure.refusedOutput(role: role, path: path, why: why)
            }
            guard !path.isEmpty else { throw refuse("expected a file path, found an empty one") }
            if path.hasSuffix("/") { throw refuse("expected a file path, found a folder's") }
            let name = (path as NSString).lastPathComponent
            if name == "." || name == ".." { throw refuse("expected a file path, found a folder's") }
            if name == lockName || name.hasPrefix(scratchPrefix) { throw refuse("is a name nianbao keeps for its own lock and scratch files") }
            let parent = (path as NSString).deletingLastPathComponent
            let folder = parent.isEmpty ? "." : parent
            var st = stat()
            guard let realFolder = realPath(folder), stat(realFolder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                let why = errno
                let shown = URL(fileURLWithPath: folder).standardizedFileURL.path
                if why == EACCES { throw RollupJob.Failure.outputFolderUnreachable(folder: shown, errno: why) }
                throw RollupJob.Failure.outputFolderMissing(folder: shown)
            }
            var target = realFolder == "/" ? "/" + name : realFolder + "/" + name
            if lstat(target, &st) == 0 {
                switch st.st_mode & S_IFMT {
                case S_IFREG: break
                case S_IFLNK:
                    guard let resolved = realPath(target) else {
                        throw refuse("is a symbolic link to nothing (\(String(cString: strerror(errno)))); remove it or name another path")
                    }
                    guard stat(resolved, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                        throw refuse("is a symbolic link to \(resolved), which is \(kind(resolved)), not a regular file")
                    }
                    target = resolved
                default:
                    throw refuse("is \(kind(target)), not a regular file; name a file to write")
                }
            }
            func inside(_ folder: String) -> Bool {
                guard let realInputs else { return false }
                return folder == realInputs || folder.hasPrefix(realInputs == "/" ? "/" : realInputs + "/")
            }
            if let realInputs, inside(realFolder) {
                throw refuse("is inside the inputs folder \(realInputs); write outputs outside it")
            }
            if let realInputs, inside((target as NSString).deletingLastPathComponent) {
                throw refuse("is a symbolic link to \(target), inside the inputs folder \(realInputs)")
            }
            if inputFiles.contains(target) { throw refuse("is the input file \(target)") }
            if let other = outputs.first(where: { same($0.target, target) }) {
                throw refuse("is the same file as --\(other.role) \(other.requested)")
            }
            outputs.append(Output(role: role, requested: path, target: target))
        }
        return outputs
    }

    /// The same path, or two names of one existing file.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        var x = stat(), y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// What a path is, in words, for messages.
    static func kind(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0 else { return "missing" }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// The output named by `role` ("xlsx", "summary", …).
    package subscript(role: String) -> Output { outputs.first { $0.role == role }! }

    /// The distinct folders the outputs go to, sorted (the order locks are taken in).
    package var folders: [String] { Array(Set(outputs.map(\.folder))).sorted() }

    // MARK: - Scratch space

    /// Under the locks: removes what killed runs left (scratch folders and the temporary files
    /// of older versions, matched by exact pattern, never following a link), then makes this
    /// run's own scratch folder in each output folder.
    package func prepare() throws {
        for folder in folders {
            removeLeftovers(in: folder, outputNames: outputs.filter { $0.folder == folder }.map(\.name))
            var template = Array((folder + "/" + Self.scratchPrefix + "-XXXXXX").utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            guard made != nil else {
                throw RollupJob.Failure.scratchFolder(folder: folder, errno: errno)
            }
            let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == geteuid() else {
                throw RollupJob.Failure.scratchFolderReplaced(path: path)
            }
            scratch[folder] = path
        }
    }

    /// The scratch folder of an output folder (after `prepare`).
    package func scratchFolder(for folder: String) -> String { scratch[folder]! }

    /// Where the new file for `output` is written before it is installed.
    package func temporary(_ output: Output) -> String { scratch[output.folder]! + "/" + output.name }

    /// Removes this run's scratch folders and everything in them. Safe to call twice.
    package func cleanUp() {
        for (folder, path) in scratch {
            Self.removeScratch(in: folder, name: (path as NSString).lastPathComponent)
        }
        scratch = [:]
    }

    /// Killed runs' leftovers in `folder`: `.nianbao-tmp` (older versions), `.nianbao-tmp-XXXXXX`,
    /// and `.<output>.tmp-<pid>` (older versions). A symbolic link among them is removed itself.
    func removeLeftovers(in folder: String, outputNames: [String]) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        var names: [String] = []
        if let dir = fdopendir(dup(fd)) {
            while let entry = readdir(dir) {
                let name = Self.entryName(entry)
                if Self.isLeftover(name, outputNames: outputNames) { names.append(name) }
            }
            closedir(dir)
        }
        close(fd)
        for name in names { Self.removeScratch(in: folder, name: name) }
    }

    /// A directory entry's name, read in place up to its NUL (a record can be shorter than
    /// sizeof(dirent)).
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let cName = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self)
        return String(decoding: UnsafeRawBufferPointer(start: cName, count: strlen(cName)), as: UTF8.self)
    }

    static func isLeftover(_ name: String, outputNames: [String]) -> Bool {
        if name == scratchPrefix { return true }
        let u = Array(name.utf8)
        let prefix = Array((scratchPrefix + "-").utf8)
        if u.count == prefix.count + 6, u.starts(with: prefix),
           u[prefix.count...].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) {
            return true
        }
        for output in outputNames {
            let p = Array(".\(output).tmp-".utf8)
            if u.count > p.count, u.starts(with: p), u[p.count...].allSatisfy({ $0 >= 48 && $0 <= 57 }) { return true }
        }
        return false
    }

    /// Removes `folder/name`: a file or link is unlinked; a folder has the files directly in it
    /// unlinked (opened with O_NOFOLLOW, so a link put in its place is never followed) and is
    /// then removed.
    static func removeScratch(in folder: String, name: String) {
        let parent = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { return }
        defer { close(parent) }
        var st = stat()
        guard fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            unlinkat(parent, name, 0)
            return
        }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        if let dir = fdopendir(fd) {
            var names: [String] = []
            while let entry = readdir(dir) {
                let n = Self.entryName(entry)
                if n != "." && n != ".." { names.append(n) }
            }
            for n in names {
                var s = stat()
                if fstatat(fd, n, &s, AT_SYMLINK_NOFOLLOW) == 0, (s.st_mode & S_IFMT) != S_IFDIR { unlinkat(fd, n, 0) }
            }
            closedir(dir)   // closes fd
        } else {
            close(fd)
        }
        unlinkat(parent, name, AT_REMOVEDIR)
    }

    // MARK: - Installing

    /// Renames every new file into place, or none: each target is checked again (absent or a
    /// regular file), yesterday's file is kept aside as a hard link (a copy where the file
    /// system refuses links), and should a rename fail, the outputs already renamed are put back
    /// as they were. Throws a failure naming the output and why.
    package func install() throws {
        var backups: [String?] = []
        for (k, output) in outputs.enumerated() {
            var st = stat()
            guard lstat(temporary(output), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                throw RollupJob.Failure.newOutputMissing(name: output.name, scratch: scratch[output.folder]!)
            }
            if lstat(output.target, &st) != 0 {
                guard errno == ENOENT else {
                    throw RollupJob.Failure.cannotExamine(path: output.target, errno: errno)
                }
                backups.append(nil)
                continue
            }
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw RollupJob.Failure.targetChanged(path: output.target, kind: Self.kind(output.target))
            }
            let aside = scratch[output.folder]! + "/.yesterday-\(k)"
            if link(output.target, aside) != 0 {
                do { try Self.copy(output.target, to: aside) } catch {
                    throw RollupJob.Failure.cannotKeepAside(path: output.target, error)
                }
            }
            backups.append(aside)
        }
        for (k, output) in outputs.enumerated() {
            beforeRename(k)
            guard rename(temporary(output), output.target) != 0 else { continue }
            let why = errno
            var notRestored: [String] = []
            for j in (0..<k).reversed() {
                let restored = backups[j].map { rename($0, outputs[j].target) == 0 } ?? (unlink(outputs[j].target) == 0)
                if !restored { notRestored.append(outputs[j].target) }
            }
            let state = notRestored.isEmpty ? "every output is as it was"
                : "could not put back \(notRestored.joined(separator: ", "))"
            throw RollupJob.Failure.cannotInstall(name: output.name, path: output.target, errno: why, state: state)
        }
        for folder in folders {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 { fsync(fd); close(fd) }
        }
    }

    /// A byte copy of `from` at `to`, created afresh (never through a link).
    static func copy(_ from: String, to: String) throws {
        let input = open(from, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw RollupJob.Failure.system(errno: errno) }
        defer { close(input) }
        let output = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw RollupJob.Failure.system(errno: errno) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw RollupJob.Failure.system(errno: errno) }
            if n == 0 { break }
            var done = 0
            while done < n {
                let w = buffer.withUnsafeBytes { write(output, $0.baseAddress! + done, n - done) }
                if w < 0 { if errno == EINTR { continue }; throw RollupJob.Failure.system(errno: errno) }
                done += w
            }
        }
    }
}
