# article 001 (001_adebf982f8112407.txt), example 5 -- reconstructed: line breaks and indentation only
from multiprocessing import Process, Queue
import os, time

def write_queue(q):
    for name in ["Yi_Zhi_Yu", "Tony" ,"San"]:
        print "put name %s to queue" %(name)
        q.put(name)
        time.sleep(2)
    print "write data finished"

def read_queue(q):
    print "begin to read data"
    while True:
        name = q.get()
        print "get name %s from queue" %(name)

if __name__ == "__main__":
    q = Queue()
    pw = Process(target=write_queue, args=(q,))
    pr = Process(target=read_queue,args=(q,))
    pw.start()
    pr.start()
    pw.join() #這個表示是否阻塞方式啟動進程, 如果要立即讀取的話, 兩個進程的啟動就應該是非阻塞式的, 所以pw在start后不能立即使用pw.join(), 要等pr start后方可
    pr.terminate() #服務進程,強制停止
