// Running a child process the way splunkd does for the stand-ins: input on stdin,
// output collected, a bounded time, and the result as {code, out, err}.
import { spawn } from 'node:child_process';

// A child may exit without reading all of its stdin (the search command, a failed
// start-up); the write then fails with EPIPE. That is not the stand-in's error: the
// child's status and output are the answer, so stdin errors are only noted in err.
export function runProcess(argv, input = '', env = {}, timeoutMs = 60000) {
    return new Promise((resolve) => {
        const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, ...env } });
        let out = '';
        let err = '';
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.stdin.on('error', (e) => {
            if (e.code !== 'EPIPE') err += `stdin: ${e.message}\n`;
        });
        child.on('error', (e) => {
            clearTimeout(timer);
            resolve({ code: -1, out, err: err + e.message });
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, out, err });
        });
        if (input) child.stdin.end(input);
        else child.stdin.end();
    });
}
