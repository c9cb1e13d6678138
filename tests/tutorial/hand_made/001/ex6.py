#!/usr/bin/env python
#encoding=utf-8
# article 001 (001_adebf982f8112407.txt), example 6 -- reconstructed: line breaks and indentation only (this line comes third: the article's shebang and coding lines must stay first)
from multiprocessing import Process,Pipe
import os,time,sys

def send_pipe(p):
    names = ["Yi_Zhi_Yu", "Tony", "San"]
    for name in names:
        print "put name %s to Pipe" %(name)
        p.send(name)
        time.sleep(1)

def recv_pipe(p):
    print "Try to read data in pipe"
    while True:
        name = p.recv()
        print "get name %s from pipe" %(name)

if __name__ == "__main__":
    #pipe, one for send, one for read
    ps_pipe, pr_pipe = Pipe()
    #process
    ps = Process(target=send_pipe, args=(ps_pipe,))
    pr = Process(target=recv_pipe, args=(pr_pipe,))
    pr.start()
    ps.start()
    ps.join()
    pr.terminate()
