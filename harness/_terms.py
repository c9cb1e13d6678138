"""The rules' shared vocabulary: a concept's ways of being said, named once, used as `{name}` in any rule.

Each entry is alternatives in the rule syntax of `harness._said` (`|` between them, `*` and `#` as there);
an entry may name another (`{not}`). A synonym added here helps every claim whose rules name the concept.
"""

from __future__ import annotations

TERMS: dict[str, str] = {
    # the things processes have
    "exitcode": "exitcode|exit code|exit status|return code|returncode|status code"
    "|退出码|返回码|退出状态|状态码|退出代码",
    "main": "main process|parent|parent process|main program|main script|main interpreter"
    "|主进程|父进程|主程序|主线程",
    "child": "child|children|child process*|subprocess*|worker*|子进程|工作进程",
    "daemon": "daemon|daemons|daemonic|daemon=True|daemon process*|守护进程|守护|后台进程",
    "windows": "windows|win32",
    "terminate": "terminat*|终止|强制终止|强行终止|强制结束|强行结束",
    "thread": "thread*|multithread*|multi-thread*|多线程|线程",
    "parallel": "parallel|in parallel|at the same time|simultaneous*|side by side|concurrently|并行|同时",
    "spawn": "spawn|'spawn'|\"spawn\"",
    "fork": "fork|os.fork|'fork'|\"fork\"",
    "guard": "if __name__|__name__ == '__main__'|__name__ == \"__main__\"|__main__ guard|main guard"
    "|__main__ check|name guard|main 判断|__main__ 判断|__main__",
    "cpus": "cpu*|core*|processor*|cpu_count|cpu 数|核|核心|处理器|CPU 核",
    "gil": "GIL|global interpreter lock|interpreter lock|全局解释器锁|解释器锁",
    # qualities
    "negative": "negative|minus|below zero|< 0|<0|-#|−#|-N|−N|-signal*|-SIG*"
    "|负数|负值|负的|为负|是负|小于 0|小于0|小于零",
    "at once": "immediately|at once|instantly|instantaneous*|right away|straight away|without delay"
    "|立即|立刻|马上|瞬间",
    "before": "before|prior to|ahead of|之前|以前|前面",
    "not": "not|n't|never|no longer|cannot|无法|不会|不能|并不|并没有|没有|不是|不再|不可以|不一定|未",
    "must": "must|have to|has to|need to|needs to|required|mandatory|necessary|必须|需要|一定要|得先|要先",
    "block": "block*|wait*|suspend*|hang*|阻塞|等待|挂起|卡住",
}
