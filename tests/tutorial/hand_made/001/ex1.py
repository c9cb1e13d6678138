# article 001 (001_adebf982f8112407.txt), example 1 -- reconstructed: line breaks and indentation only
import os
print "Process %s start ..." %(os.getpid())
pid = os.fork()
if pid == 0:
    print "This is child process and my pid is %d, my father process is %d" %(os.getpid(), os.getppid())
else:
    print "This is Fater process, And Its child pid is %d" %(pid)
