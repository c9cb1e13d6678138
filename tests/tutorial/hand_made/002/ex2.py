# article 002 (002_50c7a5bacc70f0fc.txt), example 2 -- reconstructed: line breaks and indentation only
class Myprocess(Process):
    def __init__(self,name):
        super().__init__()
        self.name = name

    def run(self):      # 此处的函数名必须为run
        print("%s is talking" %self.name)
        time.sleep(3)
        print("%s is talk over" %self.name)



if __name__ == '__main__':
    p1 = Myprocess("jack")
    p2=Myprocess("lucy")
    p3=Myprocess("lilei")
    p1.start()
    p2.start()
    p3.start()
    print("主进程...")
