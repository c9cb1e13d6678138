# article 001 (001_adebf982f8112407.txt), example 3 -- reconstructed: line breaks and indentation only
from multiprocessing import Process
import os

def pro_do(name, func):
    print "This is child process %d from parent process %d, and name is %s which is used for %s" %(os.getpid(), os.getppid(), name, func)

if __name__ == "__main__":
    print "Parent process id %d" %(os.getpid())
    #process 對象指定子進程將要執行的操作方法(pro_do), 以及該函數的對象列表args(必須是tuple格式, 且元素與pro_do的參數一一對應)
    pro = Process(target=pro_do, args=("test", "dev"))
    print "start child process"
    #啟動子進程
    pro.start()
    #是否阻塞方式執行, 如果有, 則阻塞方式, 否則非阻塞
    pro.join() #if has this, it"s synchronous operation or asynchronous operation
    print "Process end"
