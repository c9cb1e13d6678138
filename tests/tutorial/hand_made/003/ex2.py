# article 003 (003_a6cbef4c053b0b4d.txt), example 2 -- reconstructed: line breaks and indentation only; the page's Markdown italics _..._ around comments dropped
from multiprocessing import  Process

class MyProcess(Process): #继承Process类
    def __init__(self,name):
        super(MyProcess,self).__init__()
        self.name = name

    def run(self):
        print('测试%s多进程' % self.name)

if __name__ == '__main__':
    process_list = []
    for i in range(5):  #开启5个子进程执行fun1函数
        p = MyProcess('Python') #实例化进程对象
        p.start()
        process_list.append(p)
    for i in process_list:
        p.join()
    print('结束测试')
