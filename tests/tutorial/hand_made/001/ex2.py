# article 001 (001_adebf982f8112407.txt), example 2 -- reconstructed: line breaks and indentation only
import os
print "Process %s start ..." %(os.getpid())
pid = os.fork()
source = 10
if pid == 0:
    print "This is child process and my pid is %d, my father process is %d" %(os.getpid(), os.getppid())
    source = source - 6
    print "child process source value is "+str(source)
else:
    print "This is Fater process, And Its child pid is %d" %(pid)
    source = source - 1
    print "father process source value is "+str(source)
print "source value is "+str(source)
