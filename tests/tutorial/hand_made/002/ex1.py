# article 002 (002_50c7a5bacc70f0fc.txt), example 1 -- reconstructed: line breaks and indentation only
from multiprocessing import Process
import time

def talk(name):
    print("%s is taking"%name)
    time.sleep(3)
    print("%s is talk over" %name)

if __name__=='__main__':
    p1=Process(target=talk,args=("jack",))
    p2=Process(target=talk,args=("lucy",))
    #p3=Process(target=talk,args=("lilei",))
    p3=Process(target=talk,kwargs={"name":"lilei"}) # kwargs传参方式
    p1.start()
    p2.start()
    p3.start()
    print("主进程")
