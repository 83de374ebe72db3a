import Aggregate
import Foundation

extension RollupJob {
    /// Why a run could not complete; the previous outputs are untouched. The refusals of what
    /// was asked (an output path or history folder that may not be written) are `isUsage`: the
    /// command maps them to exit 2, every other case to exit 1.
    package enum Failure: Error, CustomStringConvertible {
        /// county.json or roster.csv in `inputs` stops the run.
        case setup(inputs: String, SetupError)
        /// An output path refused: `--role path: why`.
        case refusedOutput(role: String, path: String, why: String)
        case outputFolderUnreachable(folder: String, errno: Int32)
        case outputFolderMissing(folder: String)
        case outputFolderNotWritable(folder: String)
        case historyFolderMissing(folder: String)
        case historyFolderNotWritable(folder: String)
        case historyFolderInsideInputs(folder: String, inputs: String)
        /// The year's folder (`year`) cannot be read: absent, not a folder, or unlistable.
        case yearFolder(path: String, year: Int, FolderProblem)
        /// The previous year's folder exists but cannot be read.
        case previousYearFolder(path: String, FolderProblem)
        case notEnoughMemory(bytes: Int)
        case lockFile(path: String, errno: Int32)
        case lock(path: String, errno: Int32)
        case scratchFolder(folder: String, errno: Int32)
        case scratchFolderReplaced(path: String)
        case workbook(path: String, Error)
        case summary(path: String, Error)
        case page(path: String, Error)
        case reopen(path: String, errno: Int32)
        case flush(path: String, errno: Int32)
        case newOutputMissing(name: String, scratch: String)
        case cannotExamine(path: String, errno: Int32)
        /// A target that turned into something other than a regular file (`kind`) while the run wrote.
        case targetChanged(path: String, kind: String)
        case cannotKeepAside(path: String, Error)
        /// A rename that failed; `state` says whether the outputs renamed before it were put back.
        case cannotInstall(name: String, path: String, errno: Int32, state: String)
        /// A system call's failure, inside a step that names the file.
        case system(errno: Int32)
        case standardOutput(reason: String)

        package var isUsage: Bool {
            switch self {
            case .refusedOutput, .historyFolderMissing, .historyFolderNotWritable, .historyFolderInsideInputs: true
            default: false
            }
        }

        package var description: String {
            func says(_ code: Int32) -> String { String(cString: strerror(code)) }
            switch self {
            case .setup(let inputs, let e): return "\(inputs)/\(e.description)"
            case .refusedOutput(let role, let path, let why): return "--\(role) \(path): \(why)"
            case .outputFolderUnreachable(let folder, let code): return "output folder \(folder) cannot be reached (\(says(code)))"
            case .outputFolderMissing(let folder): return "output folder \(folder) does not exist"
            case .outputFolderNotWritable(let folder): return "output folder \(folder) is not writable"
            case .historyFolderMissing(let folder): return "--history \(folder): history folder does not exist"
            case .historyFolderNotWritable(let folder): return "--history \(folder): history folder is not writable"
            case .historyFolderInsideInputs(let folder, let inputs):
                return "--history \(folder): history folder is inside the inputs folder \(inputs); choose a folder outside it"
            case .yearFolder(let path, let year, let problem):
                return problem == .absent
                    ? "\(path) does not exist: create an empty \(year)/ folder when no report has arrived yet"
                    : "\(path) \(problem): the year's reports cannot be read"
            case .previousYearFolder(let path, let problem): return "\(path) \(problem): the previous year's reports cannot be read"
            case .notEnoughMemory(let bytes):
                return "not enough memory to write the outputs (\(bytes >> 20) MiB could not be allocated); the previous outputs are untouched"
            case .lockFile(let path, let code): return "cannot open the lock file \(path): \(says(code))"
            case .lock(let path, let code): return "cannot lock \(path): \(says(code))"
            case .scratchFolder(let folder, let code): return "cannot make a scratch folder in \(folder): \(says(code))"
            case .scratchFolderReplaced(let path): return "the scratch folder \(path) is not the one just made"
            case .workbook(let path, let error): return "cannot write the workbook \(path): \(error)"
            case .summary(let path, let error): return "cannot write \(path): \(error)"
            case .page(let path, let error): return "cannot write the page \(path): \(error)"
            case .reopen(let path, let code): return "cannot reopen \(path): \(says(code))"
            case .flush(let path, let code): return "cannot flush \(path) to disk: \(says(code))"
            case .newOutputMissing(let name, let scratch): return "the new \(name) is missing from \(scratch)"
            case .cannotExamine(let path, let code): return "cannot examine \(path): \(says(code))"
            case .targetChanged(let path, let kind): return "\(path) has become \(kind) during the run; nothing was replaced"
            case .cannotKeepAside(let path, let error): return "cannot keep yesterday's \(path) aside: \(error); nothing was replaced"
            case .cannotInstall(let name, let path, let code, let state):
                return "cannot move the new \(name) into place at \(path): \(says(code)); \(state)"
            case .system(let code): return says(code)
            case .standardOutput(let reason): return "cannot write to standard output: \(reason)"
            }
        }
    }
}
