// Arguments: cq's command line read into `Arguments`, and the usage text.
//
// Hand-written rather than built on swift-argument-parser because start-up
// time is a feature of a shell tool: the library's reflection and protocol
// lookups took half of the instructions of `cq -c '1'`, and it pulled in
// Foundation's shared library (docs/performance.md). What each flag means
// is main.swift's; this file only reads them. Usage errors are values
// (`UsageError`), printed with the usage line by main.swift (exit 2).

/// The flags and files of one command line.
struct Arguments {
    var files: [String] = []
    /// `-c STATEMENTS` (the value is taken as is, even when it starts with '-'); the last one wins.
    var command: String?
    var safe = false
    var errorsAsJSON = false
    var noInit = false
    var continueOnError = false
    var check = false
    var update = false
    var mode: String?
    /// `--sql`: print each query's SQL instead of running it.
    var sql = false
    /// `--dialect D` for `--sql` and `.sql` (checked by main.swift against the library's dialects).
    var dialect: String?
    var showHelp = false
    var showVersion = false

    /// Reads the arguments after the program name.
    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        var onlyFiles = false
        while let argument = rest.popFirst() {
            if onlyFiles || argument == "-" || !argument.hasPrefix("-") {
                files.append(argument)
                continue
            }
            // `--name=value` carries its value; otherwise an option's value is the next argument.
            var name = argument
            var attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            func value(_ option: Option) throws -> String {
                if let attached { return attached }
                guard let next = rest.popFirst() else { throw UsageError.missingValue(option) }
                return next
            }
            switch name {
            case "--": onlyFiles = true
            case "-c": command = try value(.command)
            case "--mode": mode = try value(.mode)
            case "--dialect": dialect = try value(.dialect)
            case "--errors":
                switch try value(.errors) {
                case "text": errorsAsJSON = false
                case "json": errorsAsJSON = true
                case let other: throw UsageError.invalidValue(other, .errors)
                }
            case "--safe", "--no-init", "--continue", "--check", "--update", "--sql", "--version", "-h", "--help":
                if attached != nil { throw UsageError.unknownOption(argument) }
                setFlag(name)
            default:
                throw UsageError.unknownOption(argument)
            }
        }
        if command != nil, !files.isEmpty {
            throw UsageError.invalid("-c runs its statements instead of scripts; give either -c or files, not both")
        }
        if update, !check { throw UsageError.invalid("--update works only with --check") }
        if check, files.isEmpty { throw UsageError.invalid("--check needs at least one .cq or .md file") }
    }

    private mutating func setFlag(_ name: String) {
        switch name {
        case "--safe": safe = true
        case "--no-init": noInit = true
        case "--continue": continueOnError = true
        case "--check": check = true
        case "--update": update = true
        case "--sql": sql = true
        case "--version": showVersion = true
        default: showHelp = true
        }
    }

    /// The options that take a value, as the usage names them.
    enum Option: String {
        case command = "-c <c>"
        case errors = "--errors <errors>"
        case mode = "--mode <mode>"
        case dialect = "--dialect <dialect>"

        var help: String {
            switch self {
            case .command: return "Run this statement (or statements separated by ';') and exit."
            case .errors: return "How errors are printed: text or json (one JSON object per error on standard error)."
            case .mode: return "Output mode: box, table, csv, tsv, json, jsonl, markdown or line."
            case .dialect: return "The SQL dialect for --sql and .sql: portable (the default), sqlite, duckdb or postgres."
            }
        }
    }

    static let usageLine =
        "cq [<files> ...] [-c <c>] [--safe] [--errors <errors>] [--no-init] [--continue] [--check] [--update] [--mode <mode>] [--sql] [--dialect <dialect>]"

    static let help = """
        OVERVIEW: cq — a typed, pipe-style query language and shell over the Western
        (Chongqing) Science City tables.

        With no script, starts the interactive shell over the built-in tables
        (projects, enterprises, figures).
        Examples:
          cq                                     start the shell
          cq -c 'projects | top 5 by investment' run one statement
          cq report.cq                           run a script
          cq --check docs/tutorial.md            run a document's examples and compare
          cq --sql --dialect duckdb report.cq    print each query of a script as DuckDB SQL

        USAGE: \(usageLine)

        ARGUMENTS:
          <files>                 Scripts to run (.cq; - for standard input), or files
                                  to check with --check.

        OPTIONS:
          -c <c>                  Run this statement (or statements separated by ';')
                                  and exit.
          --safe                  Refuse every command that reads or writes files
                                  (.import, .read, .output); ~/.cqrc is not read.
          --errors <errors>       How errors are printed: text or json (one JSON object
                                  per error on standard error). (default: text)
          --no-init               Do not run ~/.cqrc at start-up.
          --continue              Go on after an error (the exit status is still 1).
          --check                 Run each .cq file and compare with the .out beside
                                  it, or run the cq blocks of a Markdown file and
                                  compare with the text blocks after them.
          --update                With --check: rewrite the expected output instead of
                                  comparing.
          --mode <mode>           Output mode: box, table, csv, tsv, json, jsonl,
                                  markdown or line.
          --sql                   Print the SQL of each query (of the scripts or -c)
                                  instead of running it; let statements and commands
                                  still run.
          --dialect <dialect>     The SQL dialect for --sql and .sql: portable
                                  (accepted by all three, the default), sqlite, duckdb
                                  or postgres.
          --version               Show the version.
          -h, --help              Show help information.

        """
}

/// A command line cq cannot run.
enum UsageError: Error {
    case unknownOption(String)
    case missingValue(Arguments.Option)
    case invalidValue(String, Arguments.Option)
    case invalid(String)

    /// The message, the usage line and where to find more, as printed on standard error.
    var message: String {
        var lines: [String]
        switch self {
        case .unknownOption(let argument): lines = ["Error: Unknown option '\(argument)'"]
        case .missingValue(let option):
            lines = ["Error: Missing value for '\(option.rawValue)'", "Help:  \(option.rawValue)  \(option.help)"]
        case .invalidValue(let value, let option):
            lines = ["Error: The value '\(value)' is invalid for '\(option.rawValue)'",
                     "Help:  \(option.rawValue)  \(option.help)"]
        case .invalid(let text): lines = ["Error: \(text)"]
        }
        return (lines + ["Usage: \(Arguments.usageLine)", "  See 'cq --help' for more information."])
            .joined(separator: "\n")
    }
}
